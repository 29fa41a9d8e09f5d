import * as pulumi from "@pulumi/pulumi";
import type * as iam from "@pulumi/aws/iam/index.js";
import type * as s3 from "@pulumi/aws/s3/index.js";
import type { Driver } from "../../capability.ts";
import type { PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import { roleGrant } from "../../clouds/aws/role-grant.ts";
import { secureBucket, type SecureBucket } from "../../clouds/aws/secure-bucket.ts";
import type { Lake, LakeAccess, LakeArgs } from "./lake.ts";

export interface AwsLake extends Lake {
  readonly native: {
    readonly zones: Readonly<Record<string, SecureBucket & { readonly policy: s3.BucketPolicy }>>;
    /** Per principal granted, the policy on its role. */
    readonly grants: Readonly<Record<string, iam.RolePolicy>>;
  };
}

/**
 * Exactly the granted access: list and read (plus write and delete for readwrite) on each granted zone's bucket,
 * decrypt (plus data keys for writes) on the lake's key. No wildcard resources beyond a bucket's own objects.
 */
export function lakeGrantStatements(access: LakeAccess, bucketArns: Readonly<Record<string, pulumi.Input<string>>>, keyArn: pulumi.Input<string>): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const [zone, level] of Object.entries(access)) {
    const arn = bucketArns[zone];
    if (arn === undefined) throw new Error(`lake grant on zone "${zone}", which the lake does not have`);
    statements.push({ Effect: "Allow", Action: ["s3:ListBucket"], Resource: [arn] });
    statements.push({ Effect: "Allow", Action: level === "readwrite" ? ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"] : ["s3:GetObject"], Resource: [pulumi.interpolate`${arn}/*`] });
  }
  const writes = Object.values(access).some((level) => level === "readwrite");
  if (statements.length > 0) statements.push({ Effect: "Allow", Action: writes ? ["kms:Decrypt", "kms:GenerateDataKey"] : ["kms:Decrypt"], Resource: [keyArn] });
  return statements;
}

/**
 * One secure bucket per lake zone (see secure-bucket.ts), encrypted with the lake key, access-logged; each grant
 * a policy on the principal's role (`<prefix>-<principal>-lake`).
 */
export const awsLake: Driver<LakeArgs, AwsLake> = {
  create(args, ctx) {
    const zones = Object.fromEntries(args.zones.map((zone) => [zone, secureBucket(ctx, `lake-${zone}`, {
      keyArn: args.keyId,
      noncurrentVersionRetentionDays: args.noncurrentVersionRetentionDays,
      accessLogBucket: args.logDestination,
    })]));
    const bucketArns = Object.fromEntries(Object.entries(zones).map(([zone, made]) => [zone, made.bucket.arn]));
    const grants = Object.fromEntries(args.grants.map((grant) => [grant.principal.name, roleGrant(ctx, grant.principal, "lake", lakeGrantStatements(grant.access, bucketArns, args.keyId))]));
    const zoneLocations: Record<string, pulumi.Output<string>> = Object.fromEntries(Object.entries(zones).map(([zone, made]) => [zone, made.bucket.bucket]));
    return { zoneLocations, native: { zones, grants } };
  },
};
