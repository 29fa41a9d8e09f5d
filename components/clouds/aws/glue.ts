import * as pulumi from "@pulumi/pulumi";
import * as glue from "@pulumi/aws/glue/index.js";
import * as iam from "@pulumi/aws/iam/index.js";
import type { DriverContext } from "../../capability.ts";
import { policyDocument, policyJson, serviceTrust, type PolicyStatement } from "./iam-policy.ts";

/** Glue's S3 output, CloudWatch logs and job bookmarks, all encrypted with one customer-managed key. */
export function glueSecurityConfiguration(ctx: DriverContext, suffix: string, keyArn: pulumi.Input<string>): glue.SecurityConfiguration {
  return new glue.SecurityConfiguration(ctx.name(suffix), {
    name: ctx.name(suffix),
    encryptionConfiguration: {
      s3Encryption: { s3EncryptionMode: "SSE-KMS", kmsKeyArn: keyArn },
      cloudwatchEncryption: { cloudwatchEncryptionMode: "SSE-KMS", kmsKeyArn: keyArn },
      jobBookmarksEncryption: { jobBookmarksEncryptionMode: "CSE-KMS", kmsKeyArn: keyArn },
    },
  }, { parent: ctx.parent });
}

/**
 * A role Glue runs as, with the statements the caller lists plus what every Glue run needs: its own encrypted
 * log groups and the key that encrypts them. No AWSGlueServiceRole: it allows `glue:*` on every resource.
 */
export function glueRole(ctx: DriverContext, suffix: string, args: { account: pulumi.Input<string>; keyArn: pulumi.Input<string>; statements: PolicyStatement[] }): iam.Role {
  const opts = { parent: ctx.parent };
  const role = new iam.Role(ctx.name(suffix), { assumeRolePolicy: serviceTrust("glue.amazonaws.com") }, opts);
  new iam.RolePolicy(ctx.name(`${suffix}-permissions`), {
    role: role.id,
    policy: policyJson(policyDocument(
      {
        Sid: "OwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents", "logs:AssociateKmsKey"],
        Resource: [pulumi.interpolate`arn:aws:logs:${ctx.region}:${args.account}:log-group:/aws-glue/*`],
      },
      { Sid: "EncryptionKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"], Resource: [args.keyArn] },
      ...args.statements,
    )),
  }, opts);
  return role;
}

/** The catalog database of a lake zone (`<name>_<env>_<zone>`: Glue database names take no hyphens). */
export function zoneDatabaseName(ctx: DriverContext, zone: string): string {
  return ctx.name(zone).replace(/-/g, "_");
}

/** Catalog objects of this account and region: the catalog, and these lake zones' databases and their tables. */
export function catalogArns(ctx: DriverContext, account: pulumi.Input<string>, zones: readonly string[]): pulumi.Output<string>[] {
  const paths = ["catalog", ...zones.flatMap((zone) => [`database/${zoneDatabaseName(ctx, zone)}`, `table/${zoneDatabaseName(ctx, zone)}/*`])];
  return paths.map((path) => pulumi.interpolate`arn:aws:glue:${ctx.region}:${account}:${path}`);
}
