/*
 * "Wildcard grant", defined once. The IAM policy builder (components/clouds/aws/iam-policy.ts) refuses to render
 * one, the conformance suite asserts the plans hold none, and the `no-wildcard-iam` rule reports them: all three
 * call the functions below, so they cannot disagree about what counts.
 */

/** An IAM statement as JSON text parses: every field may be a string or a list, and any may be missing. */
export interface PlainStatement {
  readonly Sid?: string;
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}
export interface PlainPolicy {
  readonly Statement?: PlainStatement | readonly PlainStatement[];
}

export function asList<T>(value: T | readonly T[] | undefined | null): readonly T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? (value as readonly T[]) : [value as T];
}

/** `*`, `*:*` or a whole service (`s3:*`, `iam:*`): an action pattern that names no particular operation. */
export function isWildcardAction(action: unknown): boolean {
  return typeof action === "string" && (action === "*" || /^[^:*]+:\*$/.test(action) || action === "*:*");
}

/**
 * Allow statements that grant more than named actions on named resources: a wildcard action (`*`, `*:*`,
 * `service:*`) on every resource (`*`), or any `NotAction` / `NotResource` (an allow-list written as a deny-list
 * grants everything not listed, including actions and resources that do not exist yet). Deny statements may be
 * broad: they only take permissions away. Returns one description per statement.
 */
export function wildcardGrants(policy: PlainPolicy): string[] {
  return asList(policy.Statement).flatMap((s, i) => {
    if (s.Effect !== "Allow") return [];
    const name = `statement ${s.Sid ?? i}`;
    if (s.NotAction !== undefined) return [`${name} allows every action but ${asList(s.NotAction).join(", ")} (NotAction)`];
    if (s.NotResource !== undefined) return [`${name} allows ${asList(s.Action).join(", ")} on every resource but ${asList(s.NotResource).join(", ")} (NotResource)`];
    const actions = asList(s.Action).filter(isWildcardAction);
    return actions.length > 0 && asList(s.Resource).includes("*") ? [`${name} allows ${actions.join(", ")} on *`] : [];
  });
}

/** A Kubernetes RBAC rule as a Role or ClusterRole lists it. */
export interface RbacRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs?: readonly string[];
  readonly nonResourceURLs?: readonly string[];
}

/** RBAC rules with `*` in verbs, resources, apiGroups or nonResourceURLs: the Kubernetes form of a wildcard grant. */
export function rbacWildcards(rules: readonly RbacRule[]): string[] {
  return rules.flatMap((rule, i) => {
    const fields = (["verbs", "resources", "apiGroups", "nonResourceURLs"] as const).filter((f) => asList(rule[f]).some((v) => v === "*" || v === "*/*"));
    return fields.length > 0 ? [`rule ${i} grants * in ${fields.join(", ")}`] : [];
  });
}
