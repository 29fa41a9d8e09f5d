import * as pulumi from "@pulumi/pulumi";
import type { Namespace } from "@pulumi/kubernetes/core/v1/index.js";
import { Capability, type Driver } from "../capability.ts";
import type { PlatformSpec, ServiceSpec } from "../spec/index.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity/identity.ts";
import type { ImageReference } from "./image.ts";
import type { EnvVar } from "./workload-env.ts";
import { workloadServiceAccount } from "./service-account.ts";
import { workloadDeployment } from "./deployment.ts";
import { workloadService } from "./service.ts";
import { workloadAutoscaler } from "./autoscaling.ts";
import { workloadDisruptionBudget } from "./disruption-budget.ts";
import { workloadIngress } from "./ingress.ts";
import { migrationJob } from "./migration-job.ts";

/** What every workload component on the cluster (a `Workload` or a `Pipeline`) is given. */
export interface ClusterWorkloadArgs {
  readonly spec: PlatformSpec;
  readonly namespace: Namespace;
  readonly namespaceName: string;
  /** `<the stack's repository>@<digest>`. */
  readonly image: ImageReference;
  /** The workload's environment from the platform (workload-env.ts), for every pod it runs. */
  readonly env: pulumi.Input<readonly EnvVar[]>;
  readonly identity: Driver<WorkloadIdentityArgs, WorkloadIdentity>;
  /** The data tier's contracts and keys the identity grants are scoped to. */
  readonly data: Pick<WorkloadIdentityArgs, "lake" | "database" | "warehouse" | "keyIds" | "cluster">;
}

export interface WorkloadArgs extends ClusterWorkloadArgs {
  readonly workload: ServiceSpec;
  /** From the environment profile: spread servers over zones (prod), keep a PodDisruptionBudget (staging, prod). */
  readonly spreadAcrossZones: boolean;
  readonly podDisruptionBudget: boolean;
}

/**
 * One workload on the cluster (`stratum:kubernetes:Workload`): its ServiceAccount bound to the cloud identity,
 * Deployment, Service, HorizontalPodAutoscaler, and when the spec asks, a PodDisruptionBudget, an Ingress with
 * TLS and a migration Job that runs before the rollout. Its NetworkPolicies are added by `Workloads`, which sees
 * every workload's flows.
 */
export class Workload extends pulumi.ComponentResource {
  readonly identity: WorkloadIdentity;

  constructor(name: string, args: WorkloadArgs, opts: pulumi.ComponentResourceOptions) {
    super("stratum:kubernetes:Workload", name, {}, opts);
    const { workload, namespaceName: namespace, image, spec } = args;
    const serviceAccountName = workload.name;
    this.identity = new Capability("stratum:kubernetes:WorkloadIdentity", `${name}-identity`, spec, (ctx) =>
      args.identity.create({ ...args.data, workload: workload.name, namespace, serviceAccountName, access: workload.dataAccess }, ctx), { parent: this }).result;
    const k8s = { parent: this, dependsOn: [args.namespace] };
    const account = workloadServiceAccount(serviceAccountName, namespace, this.identity.serviceAccountAnnotations, k8s);
    const common = { workload, namespace, serviceAccountName, identityLabels: this.identity.podLabels, env: args.env };
    const migrations = workload.migrations;
    const job = migrations ? migrationJob({ ...common, workload: { ...workload, migrations }, image }, { ...k8s, dependsOn: [args.namespace, account] }) : undefined;
    const deployment = workloadDeployment({ ...common, image: image.reference, spreadAcrossZones: args.spreadAcrossZones }, { ...k8s, dependsOn: [args.namespace, account, ...(job ? [job] : [])] });
    workloadService(workload, namespace, k8s);
    workloadAutoscaler(workload, namespace, { ...k8s, dependsOn: [args.namespace, deployment] });
    if (args.podDisruptionBudget) workloadDisruptionBudget(workload, namespace, k8s);
    const host = workload.host;
    if (workload.public && host) workloadIngress({ ...workload, host }, namespace, k8s);
    this.registerOutputs({ image: image.reference, serviceAccount: serviceAccountName });
  }
}
