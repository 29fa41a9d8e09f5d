/*
 * "Pinned to one repository", defined once for the GitHub OIDC token every cloud trusts: AWS role trust policies
 * and Azure federated credentials compare the token's `sub`; GCP Workload Identity providers compare its
 * `repository` and `environment` (or `ref`) assertions in a CEL attributeCondition.
 */

export const githubIssuerHost = "token.actions.githubusercontent.com";
export const githubIssuer = `https://${githubIssuerHost}`;

/**
 * An exact GitHub subject: `repo:OWNER/REPO:environment:NAME` (deploy and preview identities) or
 * `repo:OWNER/REPO:ref:refs/heads/BRANCH` (an identity that only a branch's workflows may use), no wildcard.
 */
export const pinnedSubject = /^repo:[^*?:\s]+\/[^*?:\s]+:(environment:[^*?\s]+|ref:refs\/heads\/[^*?\s]+)$/;

export function isPinnedSubject(subject: unknown): boolean {
  return typeof subject === "string" && pinnedSubject.test(subject);
}

/** True for GitHub's issuer URL, with or without a trailing slash. */
export function isGithubIssuer(issuer: unknown): boolean {
  return typeof issuer === "string" && issuer.trim().replace(/\/+$/, "") === githubIssuer;
}

/**
 * What a Workload Identity provider's attributeCondition fails to pin: the condition must be a conjunction
 * (`&&` only: one `||` lets either side through) holding `assertion.repository == 'OWNER/REPO'` and one of
 * `assertion.environment`, `assertion.ref` or `assertion.sub` compared with `==` to a literal without wildcards.
 * `attribute.X` counts when the provider maps it straight from `assertion.X`.
 */
export function attributeConditionProblems(condition: unknown, mapping: Readonly<Record<string, unknown>> = {}): string[] {
  if (typeof condition !== "string" || condition.trim() === "") return ["has no attributeCondition: any GitHub repository's workflow can sign in"];
  if (/\|\||!=|\.(startsWith|endsWith|contains|matches)\(|\bin\s*\[/.test(condition)) return [`attributeCondition ${JSON.stringify(condition)} is not a conjunction of exact comparisons (||, !=, startsWith, matches or in widen it)`];
  const pinned = new Map<string, string>();
  for (const clause of condition.split("&&")) {
    const match = /^\s*\(?\s*(assertion|attribute)\.([a-z_]+)\s*==\s*(['"])([^'"]*)\3\s*\)?\s*$/.exec(clause);
    if (match === null) continue;
    const [, source, claim = "", , value = ""] = match;
    const fromAssertion = source === "assertion" || String(mapping[`attribute.${claim}`] ?? "").trim() === `assertion.${claim}`;
    if (fromAssertion && value !== "" && !/[*?]/.test(value)) pinned.set(claim, value);
  }
  const problems: string[] = [];
  const repository = pinned.get("repository");
  if (repository === undefined || !/^[^/\s]+\/[^/\s]+$/.test(repository)) problems.push("attributeCondition does not pin assertion.repository == 'OWNER/REPO'");
  const sub = pinned.get("sub");
  if (!pinned.has("environment") && !pinned.has("ref") && !(sub !== undefined && isPinnedSubject(sub))) problems.push("attributeCondition does not pin the environment (assertion.environment), the branch (assertion.ref) or an exact assertion.sub");
  return problems;
}
