import type * as pulumi from "@pulumi/pulumi";
import { Service } from "@pulumi/kubernetes/core/v1/index.js";
import type { ServiceSpec } from "../spec/index.ts";
import { podLabels } from "./workload-specs.ts";

/** A cluster-internal Service on the workload's own port; only its servers, never its migration pods, back it. */
export function workloadService(workload: ServiceSpec, namespace: string, opts: pulumi.CustomResourceOptions): Service {
  return new Service(workload.name, {
    metadata: { name: workload.name, namespace },
    spec: {
      type: "ClusterIP",
      selector: podLabels(workload.name, "server"),
      ports: [{ name: "http", port: workload.port, targetPort: "http", protocol: "TCP" }],
    },
  }, opts);
}
