import type * as pulumi from "@pulumi/pulumi";
import type { Size } from "../../spec/index.ts";
import type { Network } from "../network/network.ts";
import type { Principal } from "../../grants.ts";

/**
 * Managed Kubernetes on the network's private subnets, autoscaling between `minNodes` and `maxNodes` of
 * `nodeSize`. AWS: `eks.Cluster` + managed `NodeGroup` (IMDSv2), access entries, the Pod Identity agent. GCP:
 * `container.Cluster` (private nodes, workload identity, `databaseEncryption`) + `NodePool`. Azure:
 * `containerservice.ManagedCluster` (private, Entra RBAC, OIDC issuer + workload identity) + `AgentPool`.
 * Private API endpoint unless `publicAccessCidrs` lists networks; secrets encrypted with `secretsKeyId`;
 * workload identity on.
 */
export interface ClusterArgs {
  readonly network: Network;
  readonly version: string;
  readonly nodeSize: Size;
  readonly minNodes: number;
  readonly maxNodes: number;
  readonly publicAccessCidrs: readonly string[];
  readonly deletionProtection: boolean;
  readonly secretsKeyId: pulumi.Input<string>;
  readonly logRetentionDays: number;
  /**
   * Teams let into the cluster as a Kubernetes group (the workload tier binds each group's namespaced Roles).
   * AWS: an EKS access entry mapping the team's IAM role to the group. GCP: the Google group, through Google
   * Groups for RBAC. Azure: the Entra group's object id, through Entra RBAC.
   */
  readonly teams: readonly { readonly name: string; readonly group: string }[];
}

export interface Cluster {
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  /** The OIDC issuer workload identity federates with. */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** A kubeconfig for the Kubernetes provider (a Pulumi secret). */
  readonly kubeconfig: pulumi.Output<string>;
  /**
   * The identity the nodes pull images as, where the registry must grant it (GCP: the node pool's service
   * account, `roles/artifactregistry.reader` on each repository). Absent where the nodes' own role already may
   * (AWS: the node role's AmazonEC2ContainerRegistryPullOnly).
   */
  readonly nodes?: Principal;
}
