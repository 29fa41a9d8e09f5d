import type { Driver } from "./capability.ts";
import type * as pulumi from "@pulumi/pulumi";
import type { Cloud, PlatformSpec } from "./spec/index.ts";
import type { Keys, KeysArgs } from "./governance/keys/keys.ts";
import type { Audit, AuditArgs } from "./governance/audit/audit.ts";
import type { Network, NetworkArgs } from "./infra/network/network.ts";
import type { Cluster, ClusterArgs } from "./infra/cluster/cluster.ts";
import type { Registry, RegistryArgs } from "./infra/registry/registry.ts";
import type { CiIdentity, CiIdentityArgs } from "./infra/ci-identity/ci-identity.ts";
import type { Database, DatabaseArgs } from "./data/database/database.ts";
import type { Lake, LakeArgs } from "./data/lake/lake.ts";
import type { Warehouse, WarehouseArgs } from "./data/warehouse/warehouse.ts";
import type { Catalog, CatalogArgs } from "./data/catalog/catalog.ts";
import type { ModelArtifacts, ModelArtifactsArgs } from "./ml/artifacts/artifacts.ts";
import type { ModelServing, ModelServingArgs } from "./ml/serving/serving.ts";
import type { Frontend, FrontendArgs } from "./web/frontend/frontend.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./kubernetes/identity/identity.ts";
import type { CloudWorkloadWiring } from "./kubernetes/workload-env.ts";

/**
 * Everything a cloud must implement: one driver per capability, grouped by tier. A tier component asks its
 * cloud's driver and never branches on the cloud's name; the compiler checks that every cloud has every driver.
 */
export interface CloudDrivers {
  readonly cloud: Cloud;
  /** The cloud's provider for the whole stack, configured from the spec (region, project, subscription). */
  readonly provider: (name: string, spec: PlatformSpec, opts: pulumi.CustomResourceOptions) => pulumi.ProviderResource;
  /**
   * The cloud-wide stack outputs that bootstrap and the workflows' login steps read, from the spec's account
   * section: AWS `accountId`; GCP `projectId`, `projectNumber`; Azure `subscriptionId`, `tenantId`, `resourceGroup`.
   */
  readonly accountOutputs: (spec: PlatformSpec) => Readonly<Record<string, string>>;
  readonly governance: {
    readonly keys: Driver<KeysArgs, Keys>;
    readonly audit: Driver<AuditArgs, Audit>;
  };
  readonly infra: {
    readonly network: Driver<NetworkArgs, Network>;
    readonly cluster: Driver<ClusterArgs, Cluster>;
    readonly registry: Driver<RegistryArgs, Registry>;
    readonly ciIdentity: Driver<CiIdentityArgs, CiIdentity>;
  };
  readonly data: {
    readonly database: Driver<DatabaseArgs, Database>;
    readonly lake: Driver<LakeArgs, Lake>;
    readonly warehouse: Driver<WarehouseArgs, Warehouse>;
    readonly catalog: Driver<CatalogArgs, Catalog>;
  };
  readonly ml: {
    readonly artifacts: Driver<ModelArtifactsArgs, ModelArtifacts>;
    readonly serving: Driver<ModelServingArgs, ModelServing>;
  };
  readonly web: {
    readonly frontend: Driver<FrontendArgs, Frontend>;
  };
  /**
   * The cloud's part of every workload's environment variables (database auth and user, storage URLs, region), for
   * the stack's spec: GCP's database users and SDK variables carry the project from the account section.
   */
  readonly workloadWiring: (spec: PlatformSpec) => CloudWorkloadWiring;
  /** The Kubernetes workload tier is cloud-neutral; only the binding to the cloud's identity differs. */
  readonly kubernetes: {
    readonly workloadIdentity: Driver<WorkloadIdentityArgs, WorkloadIdentity>;
    /** A review environment's: binds its ServiceAccounts to the base stack's workload identities (by workload name). */
    readonly reviewWorkloadIdentity: (baseIdentities: pulumi.Output<Readonly<Record<string, string>>>) => Driver<WorkloadIdentityArgs, WorkloadIdentity>;
  };
}
