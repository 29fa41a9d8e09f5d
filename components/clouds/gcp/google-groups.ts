/**
 * Google Groups for RBAC: GKE reads a user's Google group memberships only through the domain's
 * `gke-security-groups@<domain>` group, which must contain the teams' groups
 * (https://cloud.google.com/kubernetes-engine/docs/how-to/google-groups-rbac). Every team's group must be a
 * group email of one domain; the teams' RoleBindings then name the group as the Kubernetes group.
 */
export function securityGroupFor(teams: readonly { readonly name: string; readonly group: string }[]): string | undefined {
  const domains = new Set<string>();
  for (const team of teams) {
    const match = /^[a-z0-9._%+-]+@([a-z0-9-]+(\.[a-z0-9-]+)+)$/i.exec(team.group);
    if (!match?.[1]) throw new Error(`team ${team.name}: group "${team.group}" is not a Google group email (expected e.g. platform-engineers@acme.example.com)`);
    domains.add(match[1].toLowerCase());
  }
  if (domains.size > 1) throw new Error(`the teams' Google groups are in ${[...domains].sort().join(", ")}: GKE reads the groups of one domain (gke-security-groups@<domain>)`);
  const [domain] = domains;
  return domain === undefined ? undefined : `gke-security-groups@${domain}`;
}
