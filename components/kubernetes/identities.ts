import * as pulumi from "@pulumi/pulumi";
import { Capability, type Driver } from "../capability.ts";
import type { AccessLevel, PlatformSpec } from "../spec/index.ts";
import type { Grant, Principal } from "../grants.ts";
import type { Cluster } from "../infra/cluster/cluster.ts";
import type { DatabaseAccess } from "../data/database/database.ts";
import type { LakeAccess } from "../data/lake/lake.ts";
import { grantedWorkloads } from "../wiring/identified-workloads.ts";
import type { WiredWorkload } from "../wiring/workloads.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity/identity.ts";

export interface WorkloadIdentitiesArgs {
  readonly spec: PlatformSpec;
  /** The cloud's workload-identity driver. */
  readonly driver: Driver<WorkloadIdentityArgs, WorkloadIdentity>;
  readonly cluster: Cluster;
  /** The namespace the workloads' ServiceAccounts live in. */
  readonly namespace: string;
  /** Dev stacks: the identities also admit their ServiceAccounts in review namespaces. */
  readonly reviewNamespaces: boolean;
  /** Dev stacks: the CI identity that creates review environments (WorkloadIdentityArgs.reviewer). */
  readonly reviewer?: Principal;
  /** The database user each workload connects as (the cloud's `CloudWorkloadWiring.databaseUser`). */
  readonly databaseUser: (workload: string) => string;
  /**
   * The URN of the `Workloads` component each identity used to be a grandchild of (under its Workload or
   * Pipeline), so that an existing stack's roles and associations are moved, not replaced: a second pod identity
   * association for the same ServiceAccount would be refused while the old one exists.
   */
  readonly formerWorkloads?: pulumi.Input<string>;
}

/** What the data tier grants, to whom: each capability receives the grants on its own resource. */
export interface DataGrants {
  readonly lake: readonly Grant<LakeAccess>[];
  readonly database: readonly Grant<DatabaseAccess>[];
  readonly warehouse: readonly Grant<AccessLevel>[];
}

/**
 * The cloud identities of the workloads on the cluster (`stratum:kubernetes:WorkloadIdentities`), built before
 * the data tier so that each data capability can grant them on its own resource. Only a workload granted
 * something gets one, named after it and bound to its ServiceAccount (named after it too) in the namespace.
 */
export class WorkloadIdentities extends pulumi.ComponentResource {
  /** Workload name → its identity; absent for a workload granted nothing. */
  readonly identities: Readonly<Record<string, WorkloadIdentity>>;
  /** The grants each data capability makes to these identities. */
  readonly dataGrants: DataGrants;

  constructor(name: string, args: WorkloadIdentitiesArgs, opts: pulumi.ComponentResourceOptions) {
    super("stratum:kubernetes:WorkloadIdentities", name, {}, opts);
    const { spec } = args;
    const granted = grantedWorkloads(spec);
    const identities: Record<string, WorkloadIdentity> = {};
    for (const w of granted) {
      identities[w.name] = new Capability("stratum:kubernetes:WorkloadIdentity", `${w.name}-identity`, spec, (ctx) =>
        args.driver.create({ workload: w.name, namespace: args.namespace, serviceAccountName: w.name, cluster: args.cluster, reviewNamespaces: args.reviewNamespaces, ...(args.reviewer ? { reviewer: args.reviewer } : {}) }, ctx), {
        parent: this,
        ...(args.formerWorkloads ? { aliases: [{ parent: pulumi.createUrn(w.name, w.kind === "pipeline" ? "stratum:kubernetes:Pipeline" : "stratum:kubernetes:Workload", args.formerWorkloads) }] } : {}),
      }).result;
    }
    this.identities = identities;
    const principal = (w: WiredWorkload) => identities[w.name]!.principal;
    this.dataGrants = {
      lake: granted.filter((w) => Object.keys(w.dataAccess.lake).length > 0).map((w) => ({ principal: principal(w), access: w.dataAccess.lake })),
      database: granted.flatMap((w) => (w.dataAccess.database ? [{ principal: principal(w), access: { level: w.dataAccess.database, user: args.databaseUser(w.name) } }] : [])),
      warehouse: granted.flatMap((w) => (w.dataAccess.warehouse ? [{ principal: principal(w), access: w.dataAccess.warehouse }] : [])),
    };
    this.registerOutputs({ identities: Object.fromEntries(Object.entries(identities).map(([w, i]) => [w, i.principal.id])) });
  }
}
