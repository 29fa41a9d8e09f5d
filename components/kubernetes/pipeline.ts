import * as pulumi from "@pulumi/pulumi";
import { Capability } from "../capability.ts";
import type { PipelineSpec } from "../spec/index.ts";
import { pipelineAccess } from "../wiring/workloads.ts";
import type { WorkloadIdentity } from "./identity/identity.ts";
import type { ClusterWorkloadArgs } from "./workload.ts";
import { workloadServiceAccount } from "./service-account.ts";
import { pipelineCronJob } from "./cron-job.ts";

export interface PipelineArgs extends ClusterWorkloadArgs {
  readonly pipeline: PipelineSpec;
}

/**
 * One pipeline on the cluster (`stratum:kubernetes:Pipeline`): its own ServiceAccount bound to a cloud identity
 * that may read exactly its source zone and read and write exactly its target zone, and the CronJob that runs the
 * image CI built and scanned on the spec's schedule. Its NetworkPolicy is added by `Workloads`.
 */
export class Pipeline extends pulumi.ComponentResource {
  readonly identity: WorkloadIdentity;

  constructor(name: string, args: PipelineArgs, opts: pulumi.ComponentResourceOptions) {
    super("stratum:kubernetes:Pipeline", name, {}, opts);
    const { pipeline, namespaceName: namespace, spec } = args;
    const serviceAccountName = pipeline.name;
    const { timeoutMinutes, resources } = spec.data.pipelineRuntime;
    this.identity = new Capability("stratum:kubernetes:WorkloadIdentity", `${name}-identity`, spec, (ctx) =>
      args.identity.create({ ...args.data, workload: pipeline.name, namespace, serviceAccountName, access: pipelineAccess(pipeline) }, ctx), { parent: this }).result;
    const k8s = { parent: this, dependsOn: [args.namespace] };
    const account = workloadServiceAccount(serviceAccountName, namespace, this.identity.serviceAccountAnnotations, k8s);
    pipelineCronJob({
      pipeline,
      namespace,
      image: args.image,
      env: args.env,
      serviceAccountName,
      identityLabels: this.identity.podLabels,
      resources,
      timeoutMinutes,
    }, { ...k8s, dependsOn: [args.namespace, account] });
    this.registerOutputs({ image: args.image.reference, serviceAccount: serviceAccountName, schedule: pipeline.schedule });
  }
}
