import type * as pulumi from "@pulumi/pulumi";
import type { DataAccess } from "../../spec/index.ts";
import type { Keys } from "../../governance/keys/keys.ts";
import type { Cluster } from "../../infra/cluster/cluster.ts";
import type { Lake } from "../../data/lake/lake.ts";
import type { Database } from "../../data/database/database.ts";
import type { Warehouse } from "../../data/warehouse/warehouse.ts";

/**
 * Binds one workload's Kubernetes ServiceAccount to a cloud identity holding exactly the data access the spec
 * grants it, nothing wider. AWS: an IAM role trusted by EKS Pod Identity, a policy scoped to the granted buckets,
 * database user and workgroup, and the pod identity association. GCP: a service account bound through GKE
 * Workload Identity. Azure: a user-assigned identity with a federated credential (Azure Workload Identity).
 * A workload granted nothing gets no cloud identity at all.
 */
export interface WorkloadIdentityArgs {
  /** The workload's name: a service, an in-cluster model or a pipeline. */
  readonly workload: string;
  readonly namespace: string;
  readonly serviceAccountName: string;
  /** What the spec grants the workload. */
  readonly access: DataAccess;
  readonly lake: Lake;
  readonly database?: Database;
  readonly warehouse?: Warehouse;
  /** The data domains' keys: reading encrypted data needs decrypt on its domain's key. */
  readonly keyIds: Pick<Keys["keyIds"], "lake" | "database" | "warehouse">;
  readonly cluster: Cluster;
}

/** A network endpoint outside the cluster's pod network that a workload must reach. */
export interface EgressEndpoint {
  readonly cidr: string;
  readonly port: number;
  readonly protocol: "TCP" | "UDP";
}

export interface WorkloadIdentity {
  /** Annotations the ServiceAccount carries (IRSA's role ARN, GKE's service account, Azure's client id). */
  readonly serviceAccountAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  /** Labels the pods carry (Azure Workload Identity's `azure.workload.identity/use`). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Where pods fetch their credentials from, allowed by the workload's NetworkPolicy. */
  readonly credentialEndpoints: readonly EgressEndpoint[];
  /** The cloud identity the workload runs as (AWS: its IAM role ARN); absent when it is granted nothing. */
  readonly cloudIdentity?: pulumi.Output<string>;
}
