import type * as pulumi from "@pulumi/pulumi";
import type { Size } from "../../spec/index.ts";
import type { Network } from "../network/network.ts";

/**
 * Managed Kubernetes. AWS: EKS + managed node group. GCP: GKE + node pool. Azure: AKS + agent pool.
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
}

export interface Cluster {
  readonly clusterName: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  /** The OIDC issuer workload identity federates with. */
  readonly oidcIssuerUrl: pulumi.Output<string>;
  /** A kubeconfig for the Kubernetes provider (a Pulumi secret). */
  readonly kubeconfig: pulumi.Output<string>;
}
