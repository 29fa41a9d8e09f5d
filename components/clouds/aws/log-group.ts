import type * as pulumi from "@pulumi/pulumi";
import * as cloudwatch from "@pulumi/aws/cloudwatch/index.js";
import type { DriverContext } from "../../capability.ts";

/** The retention periods CloudWatch Logs accepts, in days. */
const allowedRetentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** The profile's retention rounded up to one CloudWatch accepts (never down: logs are kept at least as long). */
export function cloudWatchRetentionDays(days: number): number {
  return allowedRetentionDays.find((allowed) => allowed >= days) ?? allowedRetentionDays[allowedRetentionDays.length - 1]!;
}

/** A log group encrypted with a customer-managed key, with the profile's retention. */
export function encryptedLogGroup(ctx: DriverContext, suffix: string, args: { name: pulumi.Input<string>; keyArn: pulumi.Input<string>; retentionDays: number }): cloudwatch.LogGroup {
  return new cloudwatch.LogGroup(ctx.name(suffix), {
    name: args.name,
    kmsKeyId: args.keyArn,
    retentionInDays: cloudWatchRetentionDays(args.retentionDays),
  }, { parent: ctx.parent });
}
