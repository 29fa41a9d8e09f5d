import * as pulumi from "@pulumi/pulumi";
import type { PipelineSpec } from "../spec/index.ts";
import type { ClusterWorkloadArgs } from "./workload.ts";
import { workloadServiceAccount } from "./service-account.ts";
import { pipelineCronJob } from "./cron-job.ts";

export interface PipelineArgs extends ClusterWorkloadArgs {
  readonly pipeline: PipelineSpec;
}

/**
 * One pipeline on the cluster (`stratum:kubernetes:Pipeline`): its own ServiceAccount, bound to a cloud identity
 * the lake grants read on exactly its source zone and read and write on exactly its target zone (identities.ts),
 * and the CronJob that runs the image CI built and scanned on the spec's schedule. Its NetworkPolicy is added by
 * `Workloads`.
 */
export class Pipeline extends pulumi.ComponentResource {
  constructor(name: string, args: PipelineArgs, opts: pulumi.ComponentResourceOptions) {
    super("stratum:kubernetes:Pipeline", name, {}, opts);
    const { pipeline, namespaceName: namespace, spec } = args;
    const identity = args.identity;
    const serviceAccountName = pipeline.name;
    const { timeoutMinutes, resources } = spec.data.pipelineRuntime;
    const k8s = { parent: this, dependsOn: [args.namespace] };
    const account = workloadServiceAccount(serviceAccountName, namespace, identity?.serviceAccountAnnotations ?? {}, k8s);
    pipelineCronJob({
      pipeline,
      namespace,
      image: args.image,
      env: args.env,
      serviceAccountName,
      identityLabels: identity?.podLabels ?? {},
      resources,
      timeoutMinutes,
    }, { ...k8s, dependsOn: [args.namespace, account] });
    this.registerOutputs({ image: args.image.reference, serviceAccount: serviceAccountName, schedule: pipeline.schedule });
  }
}
