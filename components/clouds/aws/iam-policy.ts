import * as pulumi from "@pulumi/pulumi";
import { wildcardGrants, type PlainPolicy } from "../../../policy/properties/wildcard-grant.ts";

/**
 * Typed IAM policy documents, rendered with `JSON.stringify` (no `iam.getPolicyDocument` invoke, so plans stay
 * offline and fast). An action always names its service (`s3:GetObject`, `kms:Decrypt`), so the bare `*` action
 * cannot be written; `policyJson` additionally refuses a service-wide wildcard (`s3:*`) allowed on every
 * resource (`*`). Deny statements may be broad: they only ever take permissions away.
 */
export type ServiceAction = `${Lowercase<string>}:${string}`;

export type ConditionOperator = "StringEquals" | "StringNotEquals" | "StringNotEqualsIfExists" | "ArnEquals" | "ArnLike" | "Bool" | "Null" | "StringLike";
export type Condition = Partial<Record<ConditionOperator, Record<string, pulumi.Input<string> | pulumi.Input<string>[]>>>;

export type Principal = "*" | { readonly AWS?: pulumi.Input<string> | pulumi.Input<string>[]; readonly Service?: string | string[]; readonly Federated?: pulumi.Input<string> };

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: "Allow" | "Deny";
  readonly Action: readonly ServiceAction[];
  /** ARNs; `*` only for actions that support no resource-level permission (e.g. `ecr:GetAuthorizationToken`). */
  readonly Resource?: readonly pulumi.Input<string>[];
  /** Resource policies (bucket, key, trust) name who the statement applies to. */
  readonly Principal?: Principal;
  readonly Condition?: Condition;
}

export interface PolicyDocument {
  readonly Version: "2012-10-17";
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: "2012-10-17", Statement: statements };
}

/**
 * The JSON text of a policy. Wildcard grants fail at once, where the driver builds the document (actions and a
 * literal `*` resource are plain strings); resolved values are checked again before rendering.
 */
export function policyJson(document: PolicyDocument): pulumi.Output<string> {
  assertNoWildcardGrants({ Statement: document.Statement.map((s) => ({ ...s, Resource: (s.Resource ?? []).filter((r): r is string => typeof r === "string") })) });
  return pulumi.output(document).apply((resolved) => {
    assertNoWildcardGrants(resolved as unknown as PlainPolicy);
    return JSON.stringify(resolved);
  });
}

function assertNoWildcardGrants(policy: PlainPolicy): void {
  const problems = wildcardGrants(policy);
  if (problems.length > 0) throw new Error(`IAM policy grants wildcards: ${problems.join("; ")}`);
}

// "Wildcard grant" is defined once, with the policy rules and the conformance suite: policy/properties/.
export { wildcardGrants, type PlainPolicy, type PlainStatement } from "../../../policy/properties/wildcard-grant.ts";

/** A trust policy letting one AWS service assume the role. */
export function serviceTrust(service: string): pulumi.Output<string> {
  return policyJson(policyDocument({ Effect: "Allow", Principal: { Service: service }, Action: ["sts:AssumeRole"] }));
}
