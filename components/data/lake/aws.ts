import type * as pulumi from "@pulumi/pulumi";
import type * as s3 from "@pulumi/aws/s3/index.js";
import type { Driver } from "../../capability.ts";
import { secureBucket, type SecureBucket } from "../../clouds/aws/secure-bucket.ts";
import type { Lake, LakeArgs } from "./lake.ts";

export interface AwsLake extends Lake {
  readonly native: { readonly zones: Readonly<Record<string, SecureBucket & { readonly policy: s3.BucketPolicy }>> };
}

/** One secure bucket per lake zone (see secure-bucket.ts), encrypted with the lake key, access-logged. */
export const awsLake: Driver<LakeArgs, AwsLake> = {
  create(args, ctx) {
    const zones = Object.fromEntries(args.zones.map((zone) => [zone, secureBucket(ctx, `lake-${zone}`, {
      keyArn: args.keyId,
      noncurrentVersionRetentionDays: args.noncurrentVersionRetentionDays,
      accessLogBucket: args.logDestination,
    })]));
    const zoneLocations: Record<string, pulumi.Output<string>> = Object.fromEntries(Object.entries(zones).map(([zone, made]) => [zone, made.bucket.bucket]));
    return { zoneLocations, native: { zones } };
  },
};
