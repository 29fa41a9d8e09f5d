import type { Driver } from "../../capability.ts";
import type { ClusterArgs, Cluster } from "./cluster.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const azureCluster: Driver<ClusterArgs, Cluster> = notBuilt("azure", "Cluster");
