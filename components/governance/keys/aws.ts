import * as pulumi from "@pulumi/pulumi";
import * as kms from "@pulumi/aws/kms/index.js";
import type { Driver } from "../../capability.ts";
import { accountId } from "../../clouds/aws/account.ts";
import { policyDocument, policyJson, type PolicyStatement, type ServiceAction } from "../../clouds/aws/iam-policy.ts";
import type { KeyDomain, Keys, KeysArgs } from "./keys.ts";

export interface AwsKeys extends Keys {
  readonly native: { readonly keys: Readonly<Record<KeyDomain, kms.Key>>; readonly aliases: Readonly<Record<KeyDomain, kms.Alias>> };
}

/**
 * AWS services that encrypt with a domain's key as themselves (not through the caller's grants) and so need the
 * key policy to name them. Everything else reaches a key through IAM policies, which the account statement allows.
 * CloudWatch Logs: the platform key (flow logs), the cluster key (control-plane logs), and the lake key of the
 * catalog crawlers' Glue security configuration, whose log groups Glue encrypts.
 */
const serviceUsers = (region: string): Readonly<Record<KeyDomain, readonly string[]>> => ({
  platform: [`logs.${region}.amazonaws.com`, "cloudfront.amazonaws.com"],
  cluster: [`logs.${region}.amazonaws.com`],
  registry: [],
  database: [],
  lake: [`logs.${region}.amazonaws.com`],
  warehouse: [],
  ml: [],
  audit: ["cloudtrail.amazonaws.com", "logging.s3.amazonaws.com", "delivery.logs.amazonaws.com"],
});

/** What the account may do with a key through IAM: administration and use, spelt out instead of `kms:*`. */
const accountActions: ServiceAction[] = [
  "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*", "kms:Revoke*", "kms:Disable*",
  "kms:Get*", "kms:Delete*", "kms:TagResource", "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
  "kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*",
];
const serviceActions: ServiceAction[] = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];

/** One customer-managed key per data domain, rotation on, a key policy naming only what must use it. */
export const awsKeys: Driver<KeysArgs, AwsKeys> = {
  create(args, ctx) {
    const account = accountId(ctx);
    const users = serviceUsers(ctx.region);
    const keys = {} as Record<KeyDomain, kms.Key>;
    const aliases = {} as Record<KeyDomain, kms.Alias>;
    for (const domain of args.domains) {
      const statements: PolicyStatement[] = [
        { Sid: "AccountAdministersAndDelegatesToIam", Effect: "Allow", Principal: { AWS: pulumi.interpolate`arn:aws:iam::${account}:root` }, Action: accountActions, Resource: ["*"] },
      ];
      for (const service of users[domain]) {
        // CloudWatch Logs names the log group in the encryption context rather than a source account.
        const condition = service.startsWith("logs.")
          ? { ArnLike: { "kms:EncryptionContext:aws:logs:arn": pulumi.interpolate`arn:aws:logs:${ctx.region}:${account}:log-group:*` } }
          : { StringEquals: { "aws:SourceAccount": account } };
        statements.push({ Sid: `Service${statements.length}`, Effect: "Allow", Principal: { Service: service }, Action: serviceActions, Resource: ["*"], Condition: condition });
      }
      keys[domain] = new kms.Key(ctx.name(`${domain}-key`), {
        description: `${ctx.name(domain)}: ${domain} data`,
        enableKeyRotation: true,
        deletionWindowInDays: args.deletionWindowDays,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        policy: policyJson(policyDocument(...statements)),
      }, { parent: ctx.parent });
      aliases[domain] = new kms.Alias(ctx.name(`${domain}-alias`), { name: `alias/${ctx.name(domain)}`, targetKeyId: keys[domain].keyId }, { parent: ctx.parent });
    }
    const keyIds = Object.fromEntries(Object.entries(keys).map(([domain, key]) => [domain, key.arn])) as Record<KeyDomain, pulumi.Output<string>>;
    return { keyIds, native: { keys, aliases } };
  },
};
