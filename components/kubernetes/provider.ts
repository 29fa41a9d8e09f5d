import type * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/kubernetes/provider.js";
import type { Cluster } from "../infra/cluster/cluster.ts";

/**
 * The Kubernetes provider for the cluster the infra tier created, built from its kubeconfig output, so the
 * workloads never touch whatever cluster the machine running Pulumi happens to point at.
 */
export function clusterProvider(name: string, cluster: Cluster, opts: pulumi.CustomResourceOptions): Provider {
  return new Provider(name, { kubeconfig: cluster.kubeconfig, enableServerSideApply: true }, opts);
}
