import * as pulumi from "@pulumi/pulumi";
import { getCallerIdentityOutput } from "@pulumi/aws/getCallerIdentity.js";
import type { DriverContext } from "../../capability.ts";
import type { PolicyStatement } from "./iam-policy.ts";

/** The account the stack deploys into (one invoke, answered offline by the plan recorder). */
export function accountId(ctx: DriverContext): pulumi.Output<string> {
  return getCallerIdentityOutput({}, { parent: ctx.parent }).accountId;
}

/** S3 bucket names are global: their ARN carries neither region nor account. */
export function bucketArn(bucketName: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`arn:aws:s3:::${bucketName}`;
}

/**
 * Use of these keys (the ones the caller's buckets are encrypted with) only as S3 uses them on the caller's
 * behalf, reading and writing SSE-KMS objects: the statement names the service, so the keys cannot be used directly.
 */
export function keysThroughS3(region: string, keyArns: readonly pulumi.Input<string>[]): PolicyStatement {
  return {
    Sid: "KeysThroughS3",
    Effect: "Allow",
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: [...keyArns],
    Condition: { StringEquals: { "kms:ViaService": `s3.${region}.amazonaws.com` } },
  };
}

/** A CloudWatch Logs group ARN with its streams, as IAM statements name it. */
export function logGroupStreamsArn(region: string, account: pulumi.Input<string>, group: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`arn:aws:logs:${region}:${account}:log-group:${group}:*`;
}
