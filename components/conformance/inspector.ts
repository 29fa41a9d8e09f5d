import type { PlanReport } from "../../lib/plan/model.ts";

/** What an inspector reads: the recorded resources and stack outputs of one offline plan. */
export type Plan = Pick<PlanReport, "resources" | "outputs">;

/**
 * What the conformance suite asks of a cloud's plan. Every answer is cloud-neutral: each cloud adds one inspector
 * that reads its own resource types, and the same assertions then run against it. `id` is the resource's URN.
 */
export interface Inspector {
  /** Object storage: buckets, GCS buckets, storage accounts or containers. */
  storage(plan: Plan): StoragePosture[];
  /** Databases and warehouses. */
  dataStores(plan: Plan): DataStorePosture[];
  clusters(plan: Plan): ClusterPosture[];
  keys(plan: Plan): KeyPosture[];
  audit(plan: Plan): AuditPosture[];
  /** Every access grant that allows every action on every resource, described; none is the only right answer. */
  broadGrants(plan: Plan): string[];
  /**
   * Every network rule (security group, firewall rule, network security group) admitting inbound traffic from the
   * whole internet (`0.0.0.0/0`, `::/0`), described; none is the only right answer: the CDN and the cluster's
   * ingress controller are the public entry points, and neither is a rule the platform writes.
   */
  internetIngress(plan: Plan): string[];
  /** The federated identities CI deploys with. */
  ciTrust(plan: Plan): CiTrustPosture[];
}

export interface StoragePosture {
  readonly id: string;
  readonly publicAccessBlocked: boolean;
  readonly customerManagedKey: boolean;
  readonly tlsOnly: boolean;
  readonly versioned: boolean;
  /** Object access is logged to another location (the audit log destination itself is exempt). */
  readonly accessLogged: boolean;
  /** The name the stack outputs use for it (a bucket name, a container URL). */
  readonly location: string;
}

export interface DataStorePosture {
  readonly id: string;
  readonly kind: "database" | "warehouse";
  readonly customerManagedKey: boolean;
  readonly publiclyAccessible: boolean;
  /** Connections without TLS are refused. */
  readonly tlsRequired: boolean;
  /** Deletion protection on the store itself; the suite requires it of databases in prod. */
  readonly deletionProtected: boolean;
  readonly multiZone: boolean;
}

export interface ClusterPosture {
  readonly id: string;
  readonly publicEndpoint: boolean;
  readonly publicAccessCidrs: readonly string[];
  readonly secretsEncryptedWithCustomerKey: boolean;
}

export interface KeyPosture {
  readonly id: string;
  readonly rotation: boolean;
}

export interface AuditPosture {
  readonly id: string;
  readonly allRegions: boolean;
  readonly tamperEvident: boolean;
  readonly customerManagedKey: boolean;
}

export interface CiTrustPosture {
  readonly id: string;
  /** The exact subjects accepted. */
  readonly subjects: readonly string[];
  readonly audiences: readonly string[];
  /** True when a subject is matched by pattern (wildcards) rather than equality. */
  readonly patternMatched: boolean;
}
