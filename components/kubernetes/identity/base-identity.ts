import type * as pulumi from "@pulumi/pulumi";

/**
 * A review environment's principal for a workload: the base stack's identity of it (its `workloadRoles` output:
 * AWS role ARNs, Azure principal ids), or a clear failure when the base stack has none for that workload yet.
 */
export function baseIdentityOf(base: pulumi.Output<Readonly<Record<string, string>>>, workload: string): pulumi.Output<string> {
  return base.apply((identities) => {
    const id = identities[workload];
    if (!id) throw new Error(`review environment: the base stack exports no workload identity for "${workload}" (stack output workloadRoles); run \`pulumi up\` on the base stack first`);
    return id;
  });
}
