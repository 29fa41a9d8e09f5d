import type * as pulumi from "@pulumi/pulumi";
import { PodDisruptionBudget } from "@pulumi/kubernetes/policy/v1/index.js";
import type { ServiceSpec } from "../spec/index.ts";
import { podLabels } from "./workload-specs.ts";

/**
 * At most one server down at a time during voluntary disruptions (node drains, upgrades). `maxUnavailable`
 * rather than `minAvailable`, so a drain can always make progress; unhealthy pods may always be evicted.
 */
export function workloadDisruptionBudget(workload: ServiceSpec, namespace: string, opts: pulumi.CustomResourceOptions): PodDisruptionBudget {
  return new PodDisruptionBudget(workload.name, {
    metadata: { name: workload.name, namespace },
    spec: { maxUnavailable: 1, unhealthyPodEvictionPolicy: "AlwaysAllow", selector: { matchLabels: podLabels(workload.name, "server") } },
  }, opts);
}
