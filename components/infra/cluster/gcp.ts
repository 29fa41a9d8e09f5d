import type { Driver } from "../../capability.ts";
import type { ClusterArgs, Cluster } from "./cluster.ts";
import { notBuilt } from "../../clouds/not-built.ts";

export const gcpCluster: Driver<ClusterArgs, Cluster> = notBuilt("gcp", "Cluster");
