import * as pulumi from "@pulumi/pulumi";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/index.js";
import type { PlatformSpec } from "../spec/index.ts";
import type { Cluster } from "../infra/cluster/cluster.ts";
import type { Registry } from "../infra/registry/registry.ts";
import type { ModelArtifacts } from "../ml/artifacts/artifacts.ts";
import { wiredWorkload, wiredWorkloads } from "../wiring/workloads.ts";
import { envOutput, wiringValues } from "../wiring/wiring-values.ts";
import type { CloudWorkloadWiring } from "./workload-env.ts";
import { Pipeline } from "./pipeline.ts";
import type { WorkloadIdentity } from "./identity/identity.ts";
import type { Lake } from "../data/lake/lake.ts";
import type { Database } from "../data/database/database.ts";
import type { Warehouse } from "../data/warehouse/warehouse.ts";
import { clusterProvider } from "./provider.ts";
import { appNamespace } from "./namespace.ts";
import { resolveImage } from "./image.ts";
import { networkPolicies } from "./network-policies.ts";
import { ciAccess, teamAccess } from "./rbac.ts";
import type { KubernetesGrant } from "../infra/ci-identity/ci-identity.ts";
import { appNamespaceName, clusterWorkloads } from "./workload-specs.ts";
import { Workload } from "./workload.ts";

export interface WorkloadsArgs {
  readonly spec: PlatformSpec;
  /** The workloads' cloud identities (identities.ts), by workload; a workload granted nothing has none. */
  readonly identities: Readonly<Record<string, WorkloadIdentity>>;
  readonly cluster: Cluster;
  readonly registry: Registry;
  /** The data tier's contracts, whose locations the workloads' environment names. */
  readonly data: { readonly lake: Lake; readonly database?: Database; readonly warehouse?: Warehouse };
  /** @default `<platform>-<environment>`; a review environment's is `pr-<number>` (components/review/). */
  readonly namespace?: string;
  /** Where models' artifacts live (`MODEL_ARTIFACTS_URL`); absent when the stack has no models. */
  readonly artifacts?: ModelArtifacts;
  /** The cloud's part of the workloads' environment variables. */
  readonly wiring: CloudWorkloadWiring;
  /** A review environment's database schema (`DATABASE_SCHEMA`); absent in a stack's own environment. */
  readonly databaseSchema?: string;
  /** The CI identities' Kubernetes RBAC, where their cloud asks for it (`CiIdentity.kubernetesGrants`). */
  readonly ciAccess?: readonly KubernetesGrant[];
}

/**
 * Everything the spec runs on the cluster (`stratum:kubernetes:Workloads`), the same on every cloud: a provider
 * for the infra tier's cluster, the environment's namespace under the restricted Pod Security Standard, team
 * RBAC, one `Workload` per service and in-cluster model, one `Pipeline` (a CronJob) per pipeline, each with the
 * environment the wiring computes, and NetworkPolicies that deny everything but the declared flows.
 */
export class Workloads extends pulumi.ComponentResource {
  readonly namespace: string;
  readonly workloads: Readonly<Record<string, Workload>>;
  readonly pipelines: Readonly<Record<string, Pipeline>>;
  /** The provider for the cluster, for other Kubernetes objects of the stack (the review namespace guard). */
  readonly provider: pulumi.ProviderResource;

  constructor(name: string, args: WorkloadsArgs, opts: pulumi.ComponentResourceOptions) {
    super("stratum:kubernetes:Workloads", name, {}, opts);
    const { spec, cluster } = args;
    const provider = clusterProvider(`${name}-cluster`, cluster, { parent: this });
    const k8s = { parent: this, provider };
    this.provider = provider;
    this.namespace = args.namespace ?? appNamespaceName(spec);
    const namespace = appNamespace(this.namespace, k8s);
    const inNamespace = { ...k8s, dependsOn: [namespace] };
    teamAccess(spec.teams, this.namespace, inNamespace);
    ciAccess(args.ciAccess ?? [], this.namespace, inNamespace);

    const { spreadAcrossZones, podDisruptionBudget } = spec.web.placement;
    const specs = clusterWorkloads(spec);
    const wired = wiredWorkloads(spec);
    const values = wiringValues({
      region: spec.region,
      namespace: this.namespace,
      lake: args.data.lake,
      ...(args.data.database ? { database: args.data.database } : {}),
      ...(args.data.warehouse ? { warehouse: args.data.warehouse } : {}),
      ...(args.artifacts ? { artifacts: args.artifacts } : {}),
      ...(args.databaseSchema ? { databaseSchema: args.databaseSchema } : {}),
    });
    const envOf = (workload: string) => envOutput(wiredWorkload(wired, workload), wired, values, args.wiring);
    const workloads: Record<string, Workload> = {};
    for (const workload of specs) {
      const image = resolveImage(workload.name, workload.image, args.registry.repositoryUrls[workload.name]);
      workloads[workload.name] = new Workload(workload.name, {
        spec,
        workload,
        namespace,
        namespaceName: this.namespace,
        image,
        env: envOf(workload.name),
        ...identityOf(args.identities, workload.name),
        spreadAcrossZones,
        podDisruptionBudget,
      }, { parent: this, providers: [provider] });
    }
    this.workloads = workloads;
    const pipelines: Record<string, Pipeline> = {};
    for (const pipeline of spec.data.pipelines) {
      pipelines[pipeline.name] = new Pipeline(pipeline.name, {
        spec,
        pipeline,
        namespace,
        namespaceName: this.namespace,
        image: resolveImage(pipeline.name, pipeline.image, args.registry.repositoryUrls[pipeline.name]),
        env: envOf(pipeline.name),
        ...identityOf(args.identities, pipeline.name),
      }, { parent: this, providers: [provider] });
    }
    this.pipelines = pipelines;

    const owners: Record<string, pulumi.ComponentResource> = { ...workloads, ...pipelines };
    const credentialEndpoints = Object.fromEntries(Object.keys(owners).map((w) => [w, args.identities[w]?.credentialEndpoints ?? []]));
    for (const policy of networkPolicies({ workloads: wired, networkCidr: spec.infra.network.cidr, credentialEndpoints, ...(args.wiring.warehousePort !== undefined ? { warehousePort: args.wiring.warehousePort } : {}) })) {
      const owner = policy.workload ? owners[policy.workload] : undefined;
      new NetworkPolicy(`${this.namespace}-${policy.name}`, {
        metadata: { name: policy.name, namespace: this.namespace },
        spec: policy.spec,
      }, { ...inNamespace, ...(owner ? { parent: owner } : {}) });
    }
    this.registerOutputs({ namespace: this.namespace, workloads: Object.keys(workloads), pipelines: Object.keys(pipelines) });
  }
}

const identityOf = (identities: Readonly<Record<string, WorkloadIdentity>>, workload: string) => (identities[workload] ? { identity: identities[workload] } : {});
