import * as pulumi from "@pulumi/pulumi";
import { Job } from "@pulumi/kubernetes/batch/v1/index.js";
import type { ServiceSpec } from "../spec/index.ts";
import { restrictedPodSpec } from "./pod-spec.ts";
import { podLabels } from "./workload-specs.ts";
import { digestSuffix, type ImageReference } from "./image.ts";
import { migrationEnv, type EnvVar } from "./workload-env.ts";

export interface MigrationJobArgs {
  readonly workload: ServiceSpec & { readonly migrations: { readonly command: readonly string[] } };
  readonly namespace: string;
  readonly image: ImageReference;
  /** The service's own environment: the migrations connect as the service's database user (`migrationEnv`). */
  readonly env: pulumi.Input<readonly EnvVar[]>;
  readonly serviceAccountName: string;
  readonly identityLabels: Readonly<Record<string, string>>;
}

/**
 * The workload's migrations: its own image and command in the same restricted pod spec, run to completion
 * before the Deployment rolls out (the Deployment depends on it, and Pulumi awaits a Job's completion unless
 * told to skip it). The name carries the image digest, so each new image runs its migrations once, in a new Job;
 * no TTL, so a finished Job stays as the record that this image's migrations ran.
 */
export function migrationJob(args: MigrationJobArgs, opts: pulumi.CustomResourceOptions): Job {
  const { workload } = args;
  const name = `${workload.name}-migrate-${digestSuffix(args.image.digest)}`;
  const labels = podLabels(workload.name, "migration");
  return new Job(name, {
    metadata: { name, namespace: args.namespace, labels, annotations: { "pulumi.com/skipAwait": "false" } },
    spec: {
      backoffLimit: 2,
      activeDeadlineSeconds: 900,
      template: {
        metadata: { labels: { ...args.identityLabels, ...labels } },
        spec: restrictedPodSpec({
          workload,
          image: args.image.reference,
          env: pulumi.output(args.env).apply(migrationEnv),
          serviceAccountName: args.serviceAccountName,
          role: "migration",
          command: workload.migrations.command,
          spreadAcrossZones: false,
        }),
      },
    },
  }, opts);
}
