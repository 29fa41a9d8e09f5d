import type * as s3 from "@pulumi/aws/s3/index.js";
import type { Driver } from "../../capability.ts";
import { secureBucket, type SecureBucket } from "../../clouds/aws/secure-bucket.ts";
import type { ModelArtifacts, ModelArtifactsArgs } from "./artifacts.ts";

export interface AwsModelArtifacts extends ModelArtifacts {
  readonly native: { readonly bucket: SecureBucket & { readonly policy: s3.BucketPolicy } };
}

/**
 * Model artifacts in a secure bucket (see secure-bucket.ts) under the ML key, one prefix per model
 * (`<model>/model.tar.gz`), old versions kept for the contract's `noncurrentVersionRetentionDays`.
 */
export const awsModelArtifacts: Driver<ModelArtifactsArgs, AwsModelArtifacts> = {
  create(args, ctx) {
    const bucket = secureBucket(ctx, "model-artifacts", {
      keyArn: args.keyId,
      noncurrentVersionRetentionDays: args.noncurrentVersionRetentionDays,
      accessLogBucket: args.logDestination,
    });
    return { location: bucket.bucket.bucket, native: { bucket } };
  },
};
