import type * as pulumi from "@pulumi/pulumi";
import { Deployment } from "@pulumi/kubernetes/apps/v1/index.js";
import type { ServiceSpec } from "../spec/index.ts";
import { restrictedPodSpec } from "./pod-spec.ts";
import { podLabels } from "./workload-specs.ts";
import type { EnvVar } from "./workload-env.ts";

export interface WorkloadDeploymentArgs {
  readonly workload: ServiceSpec;
  readonly namespace: string;
  readonly image: pulumi.Input<string>;
  readonly env: pulumi.Input<readonly EnvVar[]>;
  readonly serviceAccountName: string;
  /** Extra pod labels the cloud identity needs. */
  readonly identityLabels: Readonly<Record<string, string>>;
  readonly spreadAcrossZones: boolean;
}

/**
 * The workload's servers. `replicas` is left to the HorizontalPodAutoscaler; a rollout adds a pod before it
 * removes one, so capacity never drops below the current count.
 */
export function workloadDeployment(args: WorkloadDeploymentArgs, opts: pulumi.CustomResourceOptions): Deployment {
  const { workload } = args;
  const selector = podLabels(workload.name, "server");
  return new Deployment(workload.name, {
    metadata: { name: workload.name, namespace: args.namespace },
    spec: {
      selector: { matchLabels: selector },
      strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      revisionHistoryLimit: 5,
      template: {
        metadata: { labels: { ...args.identityLabels, ...selector } },
        spec: restrictedPodSpec({ workload, image: args.image, env: args.env, serviceAccountName: args.serviceAccountName, role: "server", spreadAcrossZones: args.spreadAcrossZones }),
      },
    },
  }, opts);
}
