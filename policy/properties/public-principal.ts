import { asList, type PlainPolicy, type PlainStatement } from "./wildcard-grant.ts";

/*
 * "Open to anyone", defined once for resource policies (key, bucket, repository and trust policies): an Allow
 * statement whose principal is everyone (`"*"` or `{"AWS": "*"}`) and whose condition does not narrow it to the
 * account, the organisation, a source resource or a network path.
 */

/**
 * Condition keys that pin who (or what, or from where) the caller is. A statement open to `*` is acceptable only
 * with one of these under an equality operator, with a value that is not itself a wildcard.
 */
export const restrictingConditionKeys = [
  "aws:PrincipalAccount", "aws:PrincipalOrgID", "aws:PrincipalArn", "aws:PrincipalOrgPaths",
  "aws:SourceAccount", "aws:SourceArn", "aws:SourceOrgID", "aws:SourceOrgPaths", "aws:SourceVpc", "aws:SourceVpce",
  "aws:ResourceAccount", "kms:CallerAccount",
];
const restrictingOperators = ["StringEquals", "StringLike", "ArnEquals", "ArnLike", "ForAllValues:StringEquals", "ForAnyValue:StringEquals"];

function isEveryone(principal: unknown): boolean {
  if (principal === "*") return true;
  if (principal === null || typeof principal !== "object") return false;
  return asList((principal as Record<string, unknown>)["AWS"] as string | string[] | undefined).includes("*");
}

function restricts(condition: unknown): boolean {
  if (condition === null || typeof condition !== "object") return false;
  return Object.entries(condition as Record<string, unknown>).some(([operator, block]) => {
    if (!restrictingOperators.includes(operator) || block === null || typeof block !== "object") return false;
    return Object.entries(block as Record<string, unknown>).some(([key, value]) => {
      const values = asList(value as string | string[]);
      // Condition keys are case-insensitive in IAM.
      return restrictingConditionKeys.some((k) => k.toLowerCase() === key.toLowerCase()) && values.length > 0 && values.every((v) => typeof v === "string" && v !== "" && !/^[*?]+$/.test(v));
    });
  });
}

/** Allow statements open to every principal without a restricting condition, described. */
export function publicPrincipalGrants(policy: PlainPolicy): string[] {
  return asList(policy.Statement).flatMap((s: PlainStatement, i) =>
    s.Effect === "Allow" && isEveryone(s.Principal) && !restricts(s.Condition) ? [`statement ${s.Sid ?? i} allows ${asList(s.Action).join(", ") || "NotAction"} to every principal ("*") without a condition restricting the caller`] : [],
  );
}

/** GCP's members for everyone: anyone on the internet, and anyone with any Google account. */
export const publicGcpMembers = ["allUsers", "allAuthenticatedUsers"];

/** The members of a GCP IAM member, binding or dataset access entry that open it to everyone. */
export function publicMembers(members: readonly unknown[]): string[] {
  return members.filter((m): m is string => typeof m === "string" && publicGcpMembers.includes(m));
}
