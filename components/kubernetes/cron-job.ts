import type * as pulumi from "@pulumi/pulumi";
import { CronJob } from "@pulumi/kubernetes/batch/v1/index.js";
import type { PipelineSpec } from "../spec/index.ts";
import { restrictedPodSpec } from "./pod-spec.ts";
import { podLabels } from "./workload-specs.ts";
import type { ImageReference } from "./image.ts";
import type { EnvVar } from "./workload-env.ts";

export interface PipelineCronJobArgs {
  readonly pipeline: PipelineSpec;
  readonly namespace: string;
  readonly image: ImageReference;
  readonly env: pulumi.Input<readonly EnvVar[]>;
  readonly serviceAccountName: string;
  readonly identityLabels: Readonly<Record<string, string>>;
  readonly resources: { readonly cpu: string; readonly memory: string };
  /** The profile's `pipelines.timeoutMinutes`: a run that takes longer is stopped. */
  readonly timeoutMinutes: number;
}

/** Finished runs kept for inspection; older ones are deleted by the CronJob controller. */
export const pipelineHistory = { successful: 3, failed: 5 } as const;
/** A run that could not start within this many seconds of its time (controller down, nodes full) is skipped. */
export const startingDeadlineSeconds = 600;

/**
 * A pipeline's schedule: its image, from the stack's registry by digest, run on the spec's cron in UTC
 * (`timeZone: Etc/UTC`, whatever the nodes' zone), one run at a time (`Forbid`: a slow run is never overlapped by
 * the next, which would read half-written output), in the restricted pod spec, stopped after the profile's time
 * limit, with no retry inside a run (the next schedule is the retry; a half-done run is not repeated blindly).
 */
export function pipelineCronJob(args: PipelineCronJobArgs, opts: pulumi.CustomResourceOptions): CronJob {
  const { pipeline } = args;
  const labels = podLabels(pipeline.name, "pipeline");
  return new CronJob(pipeline.name, {
    metadata: { name: pipeline.name, namespace: args.namespace, labels },
    spec: {
      schedule: pipeline.schedule,
      timeZone: "Etc/UTC",
      concurrencyPolicy: "Forbid",
      startingDeadlineSeconds,
      successfulJobsHistoryLimit: pipelineHistory.successful,
      failedJobsHistoryLimit: pipelineHistory.failed,
      jobTemplate: {
        metadata: { labels },
        spec: {
          backoffLimit: 0,
          activeDeadlineSeconds: args.timeoutMinutes * 60,
          template: {
            metadata: { labels: { ...args.identityLabels, ...labels } },
            spec: restrictedPodSpec({
              workload: { name: pipeline.name, resources: args.resources },
              image: args.image.reference,
              env: args.env,
              serviceAccountName: args.serviceAccountName,
              role: "pipeline",
              spreadAcrossZones: false,
            }),
          },
        },
      },
    },
  }, opts);
}
