import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam/index.js";
import type { DriverContext } from "../../capability.ts";
import type { Principal } from "../../grants.ts";
import { policyDocument, policyJson, type PolicyStatement } from "./iam-policy.ts";

/** The role an IAM role ARN names: its last path segment (workload roles live on a path of their own). */
export function roleNameFromArn(principal: string, arn: string): string {
  const match = /^arn:aws:iam::\d{12}:role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/.exec(arn);
  if (!match) throw new Error(`principal ${principal}: not an IAM role ARN: "${arn}"`);
  return match[1]!;
}

export function roleNameOf(principal: Principal): pulumi.Output<string> {
  return principal.id.apply((arn) => roleNameFromArn(principal.name, arn));
}

/**
 * AWS's form of a grant: the statements, as an inline policy of the principal's role named after the principal
 * and the resource (`<prefix>-<principal>-<suffix>`), created by the driver of the resource granted.
 */
export function roleGrant(ctx: DriverContext, principal: Principal, suffix: string, statements: PolicyStatement[]): iam.RolePolicy {
  return new iam.RolePolicy(ctx.name(`${principal.name}-${suffix}`), { role: roleNameOf(principal), policy: policyJson(policyDocument(...statements)) }, { parent: ctx.parent });
}
