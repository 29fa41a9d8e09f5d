import type * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../../infra/cluster/cluster.ts";
import type { Principal } from "../../grants.ts";

/**
 * One workload's cloud identity, bound to its Kubernetes ServiceAccount, and nothing more: what the identity may
 * do is granted by the capabilities it uses (the lake, the database, the warehouse), each on its own resource, to
 * the `principal` this returns (components/grants.ts). The tier makes one only for a workload that is granted
 * something; a workload granted nothing gets no cloud identity at all.
 * AWS: an IAM role trusted by EKS Pod Identity for exactly this cluster, namespace and service account, and the
 * pod identity association. GCP: a service account with `roles/iam.workloadIdentityUser` for
 * `PROJECT.svc.id.goog[NAMESPACE/SA]`, named in the ServiceAccount's annotation. Azure: a user-assigned identity
 * with a federated credential for `system:serviceaccount:NAMESPACE:SA` on the cluster's OIDC issuer, its client id
 * in the ServiceAccount's annotation and the pods labelled for Azure Workload Identity.
 */
export interface WorkloadIdentityArgs {
  /** The workload's name: a service, an in-cluster model or a pipeline. */
  readonly workload: string;
  readonly namespace: string;
  readonly serviceAccountName: string;
  readonly cluster: Cluster;
  /**
   * Dev stacks host review environments: the identity also admits the same ServiceAccount in their `pr-*`
   * namespaces of this cluster (a review pod runs as the dev workload). AWS: the role's trust admits those
   * namespaces. GCP: a `workloadIdentityUser` member per review namespace. Azure: a federated credential per one.
   */
  readonly reviewNamespaces: boolean;
  /**
   * With `reviewNamespaces`: the CI identity that creates review environments. Azure: it may add (and remove) the
   * federated credentials of review namespaces on this identity, and nothing else of it. AWS and GCP bind review
   * ServiceAccounts without touching the identity (the role's trust, the review identity's own grants).
   */
  readonly reviewer?: Principal;
}

/** A network endpoint outside the cluster's pod network that a workload must reach. */
export interface EgressEndpoint {
  readonly cidr: string;
  readonly port: number;
  readonly protocol: "TCP" | "UDP";
}

export interface WorkloadIdentity {
  /** Who the workload is to the cloud, for the capabilities that grant it (AWS: its role's ARN). */
  readonly principal: Principal;
  /** Annotations the ServiceAccount carries (IRSA's role ARN, GKE's service account, Azure's client id). */
  readonly serviceAccountAnnotations: Readonly<Record<string, pulumi.Input<string>>>;
  /** Labels the pods carry (Azure Workload Identity's `azure.workload.identity/use`). */
  readonly podLabels: Readonly<Record<string, string>>;
  /** Where pods fetch their credentials from, allowed by the workload's NetworkPolicy. */
  readonly credentialEndpoints: readonly EgressEndpoint[];
}
