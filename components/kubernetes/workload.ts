import * as pulumi from "@pulumi/pulumi";
import type { Namespace } from "@pulumi/kubernetes/core/v1/index.js";
import type { PlatformSpec, ServiceSpec } from "../spec/index.ts";
import type { WorkloadIdentity } from "./identity/identity.ts";
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
  /** The workload's cloud identity (identities.ts); absent when it is granted nothing. */
  readonly identity?: WorkloadIdentity;
}

export interface WorkloadArgs extends ClusterWorkloadArgs {
  readonly workload: ServiceSpec;
  /** From the environment profile: spread servers over zones (prod), keep a PodDisruptionBudget (staging, prod). */
  readonly spreadAcrossZones: boolean;
  readonly podDisruptionBudget: boolean;
}

/**
 * One workload on the cluster (`stratum:kubernetes:Workload`): its ServiceAccount (which its cloud identity, made
 * before the data tier in identities.ts, is bound to), Deployment, Service, HorizontalPodAutoscaler, and when the
 * spec asks, a PodDisruptionBudget, an Ingress with TLS and a migration Job that runs before the rollout. Its
 * NetworkPolicies are added by `Workloads`, which sees every workload's flows.
 */
export class Workload extends pulumi.ComponentResource {
  constructor(name: string, args: WorkloadArgs, opts: pulumi.ComponentResourceOptions) {
    super("stratum:kubernetes:Workload", name, {}, opts);
    const { workload, namespaceName: namespace, image } = args;
    const serviceAccountName = workload.name;
    const k8s = { parent: this, dependsOn: [args.namespace] };
    const account = workloadServiceAccount(serviceAccountName, namespace, args.identity?.serviceAccountAnnotations ?? {}, k8s);
    const common = { workload, namespace, serviceAccountName, identityLabels: args.identity?.podLabels ?? {}, env: args.env };
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
