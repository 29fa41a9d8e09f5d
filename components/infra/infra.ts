import * as pulumi from "@pulumi/pulumi";
import { Capability } from "../capability.ts";
import type { CloudDrivers } from "../cloud-contract.ts";
import type { PlatformSpec } from "../spec/index.ts";
import type { GovernanceTier } from "../governance/governance.ts";
import { deployTrustFor, githubEnvironments } from "../github-environments.ts";
import type { Network } from "./network/network.ts";
import type { Cluster } from "./cluster/cluster.ts";
import type { Registry } from "./registry/registry.ts";
import type { CiIdentity } from "./ci-identity/ci-identity.ts";
import { hostsReviewEnvironments } from "../review/names.ts";
import { wiredWorkloads } from "../wiring/workloads.ts";
import { appNamespaceName, clusterWorkloads } from "../kubernetes/workload-specs.ts";

/** Network, cluster, the CI identities and the registry that grants them. Sees only the governance tier. */
export class InfraTier extends pulumi.ComponentResource {
  readonly network: Network;
  readonly cluster: Cluster;
  readonly registry: Registry;
  readonly ciIdentity: CiIdentity;

  constructor(name: string, spec: PlatformSpec, drivers: CloudDrivers, governance: GovernanceTier, opts: pulumi.ComponentResourceOptions) {
    super("stratum:infra:Infra", name, {}, opts);
    const child = { parent: this };
    const { keyIds } = governance.keys;
    const { network: networkSpec, cluster: clusterSpec } = spec.infra;
    this.network = new Capability("stratum:infra:Network", `${name}-network`, spec, (ctx) =>
      drivers.infra.network.create({
        cidr: networkSpec.cidr,
        zones: networkSpec.zones,
        // The spec's NAT count is intent at the network's level: one egress for the network, or one per zone.
        egress: networkSpec.natGateways === "perZone" ? "zonal" : "shared",
        flowLogs: networkSpec.flowLogs,
        keyId: keyIds.platform,
        logRetentionDays: spec.audit.logRetentionDays,
      }, ctx), child).result;
    this.cluster = new Capability("stratum:infra:Cluster", `${name}-cluster`, spec, (ctx) =>
      drivers.infra.cluster.create({ ...clusterSpec, network: this.network, secretsKeyId: keyIds.cluster, logRetentionDays: spec.audit.logRetentionDays, teams: spec.teams }, ctx), child).result;
    this.ciIdentity = new Capability("stratum:infra:CiIdentity", `${name}-ci-identity`, spec, (ctx) =>
      drivers.infra.ciIdentity.create({
        repository: spec.github.repository,
        deployEnvironments: deployTrustFor(spec.environment),
        previewEnvironment: githubEnvironments.preview,
        ...(hostsReviewEnvironments(spec) ? { reviewEnvironment: githubEnvironments.review } : {}),
        cluster: this.cluster,
        namespace: appNamespaceName(spec),
      }, ctx), child).result;
    const review = this.ciIdentity.principals.review;
    // One repository per workload, whatever runs it (cluster, managed endpoint, CronJob): every image the stack runs comes from here.
    const workloads = wiredWorkloads(spec).map((w) => w.name);
    this.registry = new Capability("stratum:infra:Registry", `${name}-registry`, spec, (ctx) =>
      drivers.infra.registry.create({
        repositories: workloads,
        keyId: keyIds.registry,
        ...spec.registry,
        // Publish pushes and signs; deploy verifies the signatures of what it rolls out.
        grants: [
          { principal: this.ciIdentity.principals.publish, access: { images: "push" } },
          { principal: this.ciIdentity.principals.deploy, access: { images: "pull" } },
          // The nodes pull every image the cluster runs, where the cloud grants that on the registry (GCP).
          ...(this.cluster.nodes ? [{ principal: this.cluster.nodes, access: { images: "pull" as const } }] : []),
          // Review environments run the pull request's builds of the cluster's workloads (not pipelines, not managed models).
          ...(review ? [{ principal: review, access: { images: "push" as const, workloads: clusterWorkloads(spec).map((w) => w.name) } }] : []),
        ],
      }, ctx), child).result;
    this.registerOutputs({
      networkId: this.network.networkId,
      clusterName: this.cluster.clusterName,
      repositoryUrls: this.registry.repositoryUrls,
      deployIdentity: this.ciIdentity.deployIdentity,
    });
  }
}
