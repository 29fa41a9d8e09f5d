import * as pulumi from "@pulumi/pulumi";
import type { CloudDrivers } from "../cloud-contract.ts";
import type { PlatformSpec, ServiceSpec } from "../spec/index.ts";
import { platformTags, tagTransform } from "../tags/tag-transform.ts";
import { Workloads } from "../kubernetes/workloads.ts";
import { WorkloadIdentities } from "../kubernetes/identities.ts";
import { clusterWorkloads } from "../kubernetes/workload-specs.ts";
import { baseStack, type BaseStack } from "./base-stack.ts";
import { dropSchemaFlag, reviewHost, type ReviewStack } from "./names.ts";

export interface ReviewEnvironmentArgs {
  readonly spec: PlatformSpec;
  readonly review: ReviewStack;
  readonly drivers: CloudDrivers;
}

/**
 * A review environment (`stratum:review:ReviewEnvironment`): the pull request's workloads, not a copy of the
 * infrastructure. The base (dev) stack's outputs, read through a StackReference, stand in for the infra and data
 * tiers, and the same workload tier as every stack's runs on them in namespace `pr-<n>` of the dev cluster:
 * services, their migration Jobs and in-cluster models, with the same restricted namespace and NetworkPolicies,
 * the images `stratum:images` names from the dev registry, and `DATABASE_SCHEMA=pr_<n>` for every workload
 * granted the database. The only cloud resources are EKS Pod Identity associations of its ServiceAccounts to the
 * base stack's workload roles. Pipelines and managed models are not part of it: they stay the dev stack's.
 * Team RoleBindings are not made (the review identity may not grant RBAC); public services get a host of their
 * own (`pr-<n>-<host>`). With `stratum:review.teardown`, migrations run with `--drop-schema` (see names.ts).
 */
export class ReviewEnvironment extends pulumi.ComponentResource {
  readonly base: BaseStack;
  readonly workloads?: Workloads;
  readonly outputs: Record<string, pulumi.Input<unknown>>;

  constructor(name: string, args: ReviewEnvironmentArgs, opts: pulumi.ComponentResourceOptions = {}) {
    const { spec, review, drivers } = args;
    const services = spec.web.services.map((s): ServiceSpec => ({
      ...s,
      ...(s.host ? { host: reviewHost(review.pullRequest, s.host) } : {}),
      // The teardown: each migration Job is replaced by one that drops the schema, awaited before the destroy.
      ...(s.migrations && review.teardown ? { migrations: { command: [...s.migrations.command, dropSchemaFlag] } } : {}),
    }));
    // Pipelines stay the dev stack's: the review environment runs no CronJob of its own.
    const reviewSpec: PlatformSpec = { ...spec, teams: [], web: { ...spec.web, services }, data: { ...spec.data, pipelines: [] } };
    const workloads = clusterWorkloads(reviewSpec);
    super("stratum:review:ReviewEnvironment", name, {}, { ...opts, transforms: [tagTransform(platformTags(spec)), ...(opts.transforms ?? [])] });
    const provider = drivers.provider(drivers.cloud, spec, { parent: this });
    this.base = baseStack(review.baseStack, spec, { parent: this });
    const { cluster, registry, lake, database, warehouse, artifacts } = this.base;
    if (workloads.length > 0) {
      this.workloads = new Workloads(`${name}-workloads`, {
        spec: reviewSpec,
        namespace: review.namespace,
        identities: new WorkloadIdentities(`${name}-identities`, {
          spec: reviewSpec,
          driver: drivers.kubernetes.reviewWorkloadIdentity(this.base.workloadRoles),
          cluster,
          namespace: review.namespace,
          reviewNamespaces: false,
          databaseUser: drivers.workloadWiring(spec).databaseUser,
          formerWorkloads: pulumi.createUrn(`${name}-workloads`, "stratum:kubernetes:Workloads", this),
        }, { parent: this, providers: [provider] }).identities,
        cluster,
        registry,
        data: { lake, ...(database ? { database } : {}), ...(warehouse ? { warehouse } : {}) },
        ...(artifacts ? { artifacts } : {}),
        wiring: drivers.workloadWiring(spec),
        // Every workload granted the database gets DATABASE_SCHEMA=pr_<n> from the one env module.
        databaseSchema: review.databaseSchema,
      }, { parent: this, providers: [provider] });
    }
    const urls = Object.fromEntries(services.flatMap((s) => (s.public && s.host ? [[s.name, `https://${s.host}`]] : [])));
    this.outputs = {
      cloud: spec.cloud,
      region: spec.region,
      environment: spec.environment,
      baseStack: review.baseStack,
      pullRequest: review.pullRequest,
      namespace: review.namespace,
      databaseSchema: review.databaseSchema,
      clusterName: cluster.clusterName,
      serviceUrls: urls,
      images: Object.fromEntries(workloads.flatMap((w) => (w.image ? [[w.name, w.image]] : []))),
    };
    this.registerOutputs(this.outputs);
  }
}
