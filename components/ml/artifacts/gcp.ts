import type { Driver } from "../../capability.ts";
import { secureBucket, type SecureBucket } from "../../clouds/gcp/secure-bucket.ts";
import type { ModelArtifacts, ModelArtifactsArgs } from "./artifacts.ts";

export interface GcpModelArtifacts extends ModelArtifacts {
  readonly native: { readonly bucket: SecureBucket };
}

/**
 * Model artifacts in a secure bucket (see clouds/gcp/secure-bucket.ts) under the ML key, one prefix per model,
 * old versions kept for the contract's `noncurrentVersionRetentionDays`. The location is the bucket's name.
 */
export const gcpModelArtifacts: Driver<ModelArtifactsArgs, GcpModelArtifacts> = {
  create(args, ctx) {
    const bucket = secureBucket(ctx, "model-artifacts", {
      keyId: args.keyId,
      noncurrentVersionRetentionDays: args.noncurrentVersionRetentionDays,
      accessLogBucket: args.logDestination,
    });
    return { location: bucket.bucket.name, native: { bucket } };
  },
};
