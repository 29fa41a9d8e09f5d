import * as pulumi from "@pulumi/pulumi";
import * as cloudtrail from "@pulumi/aws/cloudtrail/index.js";
import type { Driver } from "../../capability.ts";
import { accountId } from "../../clouds/aws/account.ts";
import type { PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import { logPrefixes } from "../../clouds/aws/log-prefixes.ts";
import { secureBucket, type SecureBucket } from "../../clouds/aws/secure-bucket.ts";
import type * as s3 from "@pulumi/aws/s3/index.js";
import type { Audit, AuditArgs } from "./audit.ts";

export interface AwsAudit extends Audit {
  readonly native: { readonly logBucket: SecureBucket & { readonly policy: s3.BucketPolicy }; readonly trail: cloudtrail.Trail };
}

/**
 * The log bucket every other log lands in (CloudTrail, S3 server access logs, CDN logs) and a multi-region
 * CloudTrail with log-file validation, encrypted with the audit key.
 */
export const awsAudit: Driver<AuditArgs, AwsAudit> = {
  create(args, ctx) {
    const account = accountId(ctx);
    const trailName = ctx.name("trail");
    const trailArn = pulumi.interpolate`arn:aws:cloudtrail:${ctx.region}:${account}:trail/${trailName}`;
    const logBucket = secureBucket(ctx, "logs", { keyArn: args.keyId, noncurrentVersionRetentionDays: args.logRetentionDays, expireAfterDays: args.logRetentionDays }, (arn): PolicyStatement[] => [
      { Sid: "CloudTrailReadsAcl", Effect: "Allow", Principal: { Service: "cloudtrail.amazonaws.com" }, Action: ["s3:GetBucketAcl"], Resource: [arn], Condition: { StringEquals: { "aws:SourceArn": trailArn } } },
      {
        Sid: "CloudTrailWrites",
        Effect: "Allow",
        Principal: { Service: "cloudtrail.amazonaws.com" },
        Action: ["s3:PutObject"],
        Resource: [pulumi.interpolate`${arn}/${logPrefixes.trail}/AWSLogs/${account}/*`],
        Condition: { StringEquals: { "aws:SourceArn": trailArn, "s3:x-amz-acl": "bucket-owner-full-control" } },
      },
      { Sid: "S3AccessLogsWrite", Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: ["s3:PutObject"], Resource: [pulumi.interpolate`${arn}/${logPrefixes.s3Access}/*`], Condition: { StringEquals: { "aws:SourceAccount": account } } },
      { Sid: "CdnLogsWrite", Effect: "Allow", Principal: { Service: "delivery.logs.amazonaws.com" }, Action: ["s3:PutObject"], Resource: [pulumi.interpolate`${arn}/${logPrefixes.cdn}/*`], Condition: { StringEquals: { "aws:SourceAccount": account, "s3:x-amz-acl": "bucket-owner-full-control" } } },
    ]);
    const trail = new cloudtrail.Trail(ctx.name("trail"), {
      name: trailName,
      s3BucketName: logBucket.bucket.bucket,
      s3KeyPrefix: logPrefixes.trail,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      enableLogging: true,
      kmsKeyId: args.keyId,
    }, { parent: ctx.parent, dependsOn: [logBucket.policy] });
    return { logDestination: logBucket.bucket.bucket, native: { logBucket, trail } };
  },
};
