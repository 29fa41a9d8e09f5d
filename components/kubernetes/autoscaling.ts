import type * as pulumi from "@pulumi/pulumi";
import { HorizontalPodAutoscaler } from "@pulumi/kubernetes/autoscaling/v2/index.js";
import type { ServiceSpec } from "../spec/index.ts";

/** Target CPU utilisation: headroom for a spike while new pods start. */
export const targetCpuUtilization = 70;

/** Scales the Deployment between the spec's replicas; the Deployment leaves `replicas` to it. */
export function workloadAutoscaler(workload: ServiceSpec, namespace: string, opts: pulumi.CustomResourceOptions): HorizontalPodAutoscaler {
  return new HorizontalPodAutoscaler(workload.name, {
    metadata: { name: workload.name, namespace },
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: workload.name },
      minReplicas: workload.replicas.min,
      maxReplicas: workload.replicas.max,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: targetCpuUtilization } } }],
    },
  }, opts);
}
