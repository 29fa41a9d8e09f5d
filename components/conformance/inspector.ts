import type { Recording } from "../../lib/plan/record.ts";

/**
 * What the conformance suite asks of a cloud's plan. Every answer is cloud-neutral: each cloud adds one inspector
 * that reads its own resource types, and the same assertions then run against it. `id` is the resource's URN.
 */
export interface Inspector {
  /** Object storage: buckets, GCS buckets, storage accounts or containers. */
  storage(plan: Recording): StoragePosture[];
  /** Databases and warehouses. */
  dataStores(plan: Recording): DataStorePosture[];
  clusters(plan: Recording): ClusterPosture[];
  keys(plan: Recording): KeyPosture[];
  audit(plan: Recording): AuditPosture[];
  /** Every access grant that allows every action on every resource, described; none is the only right answer. */
  broadGrants(plan: Recording): string[];
  /** The federated identities CI deploys with. */
  ciTrust(plan: Recording): CiTrustPosture[];
}

export interface StoragePosture {
  readonly id: string;
  readonly publicAccessBlocked: boolean;
  readonly customerManagedKey: boolean;
  readonly tlsOnly: boolean;
  readonly versioned: boolean;
}

export interface DataStorePosture {
  readonly id: string;
  readonly kind: "database" | "warehouse";
  readonly customerManagedKey: boolean;
  readonly publiclyAccessible: boolean;
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
