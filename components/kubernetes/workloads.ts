import * as pulumi from "@pulumi/pulumi";
import { NetworkPolicy } from "@pulumi/kubernetes/networking/v1/index.js";
import type { Driver } from "../capability.ts";
import { profiles, type PlatformSpec } from "../spec/index.ts";
import type { Cluster } from "../infra/cluster/cluster.ts";
import type { Registry } from "../infra/registry/registry.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity/identity.ts";
import { clusterProvider } from "./provider.ts";
import { appNamespace } from "./namespace.ts";
import { resolveImage } from "./image.ts";
import { networkPolicies } from "./network-policies.ts";
import { teamAccess } from "./rbac.ts";
import { clusterWorkloads } from "./workload-specs.ts";
import { Workload } from "./workload.ts";

export interface WorkloadsArgs {
  readonly spec: PlatformSpec;
  /** The cloud's workload-identity driver: the only part of this tier that differs per cloud. */
  readonly identity: Driver<WorkloadIdentityArgs, WorkloadIdentity>;
  readonly cluster: Cluster;
  readonly registry: Registry;
  /** The data tier's contracts and the data domains' keys, which identity grants are scoped to. */
  readonly data: Pick<WorkloadIdentityArgs, "lake" | "database" | "warehouse" | "keyIds">;
  /** @default `<platform>-<environment>`; a review environment's is `pr-<number>` (components/review/). */
  readonly namespace?: string;
}

/**
 * Everything the spec runs on the cluster (`stratum:kubernetes:Workloads`), the same on every cloud: a provider
 * for the infra tier's cluster, the environment's namespace under the restricted Pod Security Standard, team
 * RBAC, one `Workload` per service and in-cluster model, and NetworkPolicies that deny everything but the
 * declared flows.
 */
export class Workloads extends pulumi.ComponentResource {
  readonly namespace: string;
  readonly workloads: Readonly<Record<string, Workload>>;
  /** The provider for the cluster, for other Kubernetes objects of the stack (the review namespace guard). */
  readonly provider: pulumi.ProviderResource;

  constructor(name: string, args: WorkloadsArgs, opts: pulumi.ComponentResourceOptions) {
    super("stratum:kubernetes:Workloads", name, {}, opts);
    const { spec, cluster } = args;
    const provider = clusterProvider(`${name}-cluster`, cluster, { parent: this });
    const k8s = { parent: this, provider };
    this.provider = provider;
    this.namespace = args.namespace ?? `${spec.name}-${spec.environment}`;
    const namespace = appNamespace(this.namespace, k8s);
    const inNamespace = { ...k8s, dependsOn: [namespace] };
    teamAccess(spec.teams, this.namespace, inNamespace);

    const { spreadAcrossZones, podDisruptionBudget } = profiles[spec.environment].services;
    const specs = clusterWorkloads(spec);
    const workloads: Record<string, Workload> = {};
    for (const workload of specs) {
      const image = resolveImage(workload.name, workload.image, args.registry.repositoryUrls[workload.name]);
      workloads[workload.name] = new Workload(workload.name, {
        spec,
        workload,
        namespace,
        namespaceName: this.namespace,
        image,
        identity: args.identity,
        data: { ...args.data, cluster },
        spreadAcrossZones,
        podDisruptionBudget,
      }, { parent: this, providers: [provider] });
    }
    this.workloads = workloads;

    const credentialEndpoints = Object.fromEntries(Object.entries(workloads).map(([w, c]) => [w, c.identity.credentialEndpoints]));
    for (const policy of networkPolicies({ workloads: specs, networkCidr: spec.infra.network.cidr, credentialEndpoints })) {
      const owner = policy.workload ? workloads[policy.workload] : undefined;
      new NetworkPolicy(`${this.namespace}-${policy.name}`, {
        metadata: { name: policy.name, namespace: this.namespace },
        spec: policy.spec,
      }, { ...inNamespace, ...(owner ? { parent: owner } : {}) });
    }
    this.registerOutputs({ namespace: this.namespace, workloads: Object.keys(workloads) });
  }
}
