import * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../infra/cluster/cluster.ts";
import type { Registry } from "../infra/registry/registry.ts";
import type { Lake } from "../data/lake/lake.ts";
import type { Database } from "../data/database/database.ts";
import type { Warehouse } from "../data/warehouse/warehouse.ts";
import type { ModelArtifacts } from "../ml/artifacts/artifacts.ts";
import type { PlatformSpec } from "../spec/index.ts";
import { clusterWorkloads } from "../kubernetes/workload-specs.ts";

/**
 * The outputs of the base (dev) stack a review environment is built on, read through a `pulumi.StackReference`
 * and shaped as the same contracts the tiers hand each other, so the workload tier runs unchanged on them. Every
 * name read here is a stack output `components/platform.ts` exports (a test checks it).
 */
export const baseStackOutputs = [
  "clusterName",
  "clusterEndpoint",
  "clusterOidcIssuer",
  "kubeconfig",
  "registryUrls",
  "registryHost",
  "workloadRoles",
  "lakeZones",
  "databaseHost",
  "databasePort",
  "databaseName",
  "warehouseEndpoint",
  "modelArtifacts",
] as const;
export type BaseStackOutput = (typeof baseStackOutputs)[number];

export interface BaseStack {
  readonly reference: pulumi.StackReference;
  readonly cluster: Cluster;
  readonly registry: Registry;
  readonly lake: Lake;
  readonly database?: Database;
  readonly warehouse?: Warehouse;
  /** Where in-cluster models' artifacts live (`MODEL_ARTIFACTS_URL`); absent when the spec has no in-cluster model. */
  readonly artifacts?: ModelArtifacts;
  /** Workload name → the base stack's cloud identity for it (AWS: the IAM role ARN); only workloads granted data. */
  readonly workloadRoles: pulumi.Output<Readonly<Record<string, string>>>;
}

/** Filled into contract fields a review environment never reads (it creates no role, so nothing is scoped to them). */
const notRead = "not read by a review environment";

export function baseStack(name: string, spec: PlatformSpec, opts: pulumi.CustomResourceOptions): BaseStack {
  const reference = new pulumi.StackReference(name, { name }, opts);
  const output = <T>(key: BaseStackOutput): pulumi.Output<T> => reference.getOutput(key) as pulumi.Output<T>;
  /** A required output: a base stack without it cannot host review environments, and `pulumi up` says which. */
  const required = <T>(key: BaseStackOutput): pulumi.Output<T> =>
    output<T | undefined>(key).apply((value) => {
      if (value === undefined || value === null) throw new Error(`review environment: the base stack "${name}" has no output "${key}"; run \`pulumi up\` on ${name} first`);
      return value;
    });
  const entry = (map: pulumi.Output<Readonly<Record<string, string>>>, key: string, what: string): pulumi.Output<string> =>
    map.apply((m) => {
      const value = m[key];
      if (value === undefined) throw new Error(`review environment: the base stack "${name}" has no ${what} for "${key}"`);
      return value;
    });
  const registryUrls = required<Record<string, string>>("registryUrls");
  const lakeZones = required<Record<string, string>>("lakeZones");
  const database: Database | undefined = spec.data.database
    ? {
        host: required<string>("databaseHost"),
        port: required<number>("databasePort"),
        databaseName: required<string>("databaseName"),
        adminSecretRef: pulumi.secret(notRead),
      }
    : undefined;
  const warehouse: Warehouse | undefined = spec.data.warehouse
    ? { warehouseId: pulumi.output(notRead), endpoint: required<string>("warehouseEndpoint") }
    : undefined;
  const artifacts: ModelArtifacts | undefined = spec.ml.models.some((m) => m.serving === "cluster") ? { location: required<string>("modelArtifacts") } : undefined;
  return {
    reference,
    cluster: {
      clusterName: required<string>("clusterName"),
      endpoint: required<string>("clusterEndpoint"),
      oidcIssuerUrl: required<string>("clusterOidcIssuer"),
      // A secret in the base stack, and so a secret here.
      kubeconfig: pulumi.secret(required<string>("kubeconfig")),
    },
    registry: {
      repositoryUrls: Object.fromEntries(clusterWorkloads(spec).map((w) => [w.name, entry(registryUrls, w.name, "registry repository")])),
      host: required<string>("registryHost"),
    },
    lake: { zoneLocations: Object.fromEntries(spec.data.lake.zones.map((zone) => [zone, entry(lakeZones, zone, "lake zone")])) },
    ...(database ? { database } : {}),
    ...(warehouse ? { warehouse } : {}),
    ...(artifacts ? { artifacts } : {}),
    workloadRoles: output<Record<string, string> | undefined>("workloadRoles").apply((roles) => roles ?? {}),
  };
}
