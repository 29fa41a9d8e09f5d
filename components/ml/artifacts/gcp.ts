import type * as storage from "@pulumi/gcp/storage/index.js";
import type { Driver } from "../../capability.ts";
import { dataBucket } from "../../clouds/gcp/data-bucket.ts";
import type { ModelArtifacts, ModelArtifactsArgs } from "./artifacts.ts";

export interface GcpModelArtifacts extends ModelArtifacts {
  readonly native: { readonly bucket: storage.Bucket };
}

/**
 * Model artifacts in a secure bucket (see clouds/gcp/data-bucket.ts) under the ML key, one prefix per model, old
 * versions kept for the contract's `noncurrentVersionRetentionDays`. The location is the bucket's name.
 */
export const gcpModelArtifacts: Driver<ModelArtifactsArgs, GcpModelArtifacts> = {
  create(args, ctx) {
    const bucket = dataBucket(ctx, "model-artifacts", { keyId: args.keyId, noncurrentVersionRetentionDays: args.noncurrentVersionRetentionDays });
    return { location: bucket.name, native: { bucket } };
  },
};
