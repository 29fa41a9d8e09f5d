import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import type { Cluster } from "../../infra/cluster/cluster.ts";
import { stackResourceId } from "./role-assignment.ts";

/** The AKS cluster's ARM id, from its name (it is in the stack's group): the scope of role assignments on it. */
export function clusterResourceId(ctx: DriverContext, cluster: Pick<Cluster, "clusterName">): pulumi.Output<string> {
  return cluster.clusterName.apply((name) => stackResourceId(ctx, "Microsoft.ContainerService", `managedClusters/${name}`));
}

/** A namespace of the cluster, as Azure RBAC for Kubernetes scopes a role to it. */
export function namespaceResourceId(ctx: DriverContext, cluster: Pick<Cluster, "clusterName">, namespace: string): pulumi.Output<string> {
  return pulumi.interpolate`${clusterResourceId(ctx, cluster)}/namespaces/${namespace}`;
}
