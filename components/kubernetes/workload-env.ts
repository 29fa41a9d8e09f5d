import { wiredWorkload, warehouseTarget, type WiredWorkload } from "../wiring/workloads.ts";

/**
 * What differs per cloud in a workload's environment, supplied by the cloud's drivers (`CloudDrivers.workloadWiring`)
 * so that no tier branches on the cloud's name.
 */
export interface CloudWorkloadWiring {
  /** `DATABASE_AUTH`: how a workload authenticates to the database through its workload identity (`aws-iam`). */
  readonly databaseAuth: string;
  /**
   * `DATABASE_USER`: the database user a workload connects as, and the user its identity is granted. AWS and
   * Azure: the workload's name (wiring/database-user.ts). GCP: Cloud SQL names an IAM user after its service
   * account (`<account id>@<project>.iam`), so the cloud says.
   */
  readonly databaseUser: (workload: string) => string;
  /** An object-storage URL from a bucket's (or container's) location, e.g. `s3://<bucket>`; no trailing slash. */
  readonly storageUrl: (location: string) => string;
  /** A pipeline's warehouse target as a URL, from the warehouse's endpoint. */
  readonly warehouseUrl: (endpoint: string) => string;
  /** The port workloads granted the warehouse connect to inside the network; absent where it is an HTTPS API. */
  readonly warehousePort?: number;
  /** The variables the cloud's SDKs need to find their region, e.g. `AWS_REGION`. */
  readonly regionVariables: (region: string) => Readonly<Record<string, string>>;
}

/** The tiers' outputs a workload's environment is made of, resolved to plain values. */
export interface WiringValues {
  readonly region: string;
  /** The namespace the cluster's workloads run in: services reach each other through its DNS names. */
  readonly namespace: string;
  readonly database?: { readonly host: string; readonly port: number; readonly name: string };
  /** Location (bucket) per lake zone. */
  readonly lakeZones: Readonly<Record<string, string>>;
  /** The model artifacts' location (bucket), when the stack has models. */
  readonly artifactsLocation?: string;
  readonly warehouseEndpoint?: string;
  /** A review environment's own database schema (`pr_<number>`); absent means `public`. */
  readonly databaseSchema?: string;
}

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

/** TLS is required: the databases refuse plain connections (`rds.force_ssl`). */
export const databaseSslMode = "require";

/** `curated` → `CURATED`, `fraud-scores` → `FRAUD_SCORES`: the part of a variable name a zone or service gives. */
export function envNamePart(name: string): string {
  return name.toUpperCase().replace(/-/g, "_");
}

/** The in-cluster URL of a service or in-cluster model: its Service's DNS name in the namespace, on its port. */
export function serviceUrl(name: string, namespace: string, port: number): string {
  return `http://${name}.${namespace}.svc.cluster.local:${port}`;
}

/**
 * A workload's environment variables, the contract documented in docs/wiring.md: `PORT` for what serves; the
 * database connection it is granted (host, port, name, its own user, how it authenticates, TLS, and in review
 * environments its schema) and never a password; a URL per granted lake zone; a pipeline's source and target;
 * the URL of each service it calls; a model's artifacts location; the cloud's region variables. Pure: the same
 * workload and values give the same list, in the same order.
 */
export function workloadEnv(workload: WiredWorkload, workloads: readonly WiredWorkload[], values: WiringValues, cloud: CloudWorkloadWiring): EnvVar[] {
  const env: EnvVar[] = [];
  const add = (name: string, value: string | number) => env.push({ name, value: String(value) });
  if (workload.port !== undefined) add("PORT", workload.port);
  if (workload.dataAccess.database) {
    const { database } = values;
    if (!database) throw new Error(`${workload.name}: granted database access, but the stack has no database`);
    add("DATABASE_HOST", database.host);
    add("DATABASE_PORT", database.port);
    add("DATABASE_NAME", database.name);
    add("DATABASE_USER", cloud.databaseUser(workload.name));
    add("DATABASE_AUTH", cloud.databaseAuth);
    add("DATABASE_SSLMODE", databaseSslMode);
    if (values.databaseSchema) add("DATABASE_SCHEMA", values.databaseSchema);
  }
  const lakeUrl = (zone: string) => {
    const location = values.lakeZones[zone];
    if (location === undefined) throw new Error(`${workload.name}: granted lake zone "${zone}", which the lake does not have`);
    return cloud.storageUrl(location);
  };
  for (const zone of Object.keys(workload.dataAccess.lake).sort()) add(`LAKE_${envNamePart(zone)}_URL`, lakeUrl(zone));
  if (workload.pipeline) {
    add("PIPELINE_SOURCE_URL", lakeUrl(workload.pipeline.source));
    const { target } = workload.pipeline;
    if (target !== warehouseTarget) add("PIPELINE_TARGET_URL", lakeUrl(target));
    else if (values.warehouseEndpoint) add("PIPELINE_TARGET_URL", cloud.warehouseUrl(values.warehouseEndpoint));
    else throw new Error(`${workload.name}: targets the warehouse, but the stack has none`);
  }
  for (const callee of workload.talksTo) {
    const port = wiredWorkload(workloads, callee).port;
    if (port === undefined) throw new Error(`${workload.name}: talks to "${callee}", which serves no port`);
    add(`SERVICE_${envNamePart(callee)}_URL`, serviceUrl(callee, values.namespace, port));
  }
  if (workload.kind === "model") {
    if (values.artifactsLocation === undefined) throw new Error(`${workload.name}: a model, but the stack has no model artifacts storage`);
    add("MODEL_ARTIFACTS_URL", `${cloud.storageUrl(values.artifactsLocation)}/${workload.name}/`);
  }
  for (const [name, value] of Object.entries(cloud.regionVariables(values.region))) add(name, value);
  return env;
}

/**
 * A migration Job's environment: its service's, without what only a server uses. The Job listens on nothing, so
 * no `PORT`; it calls no service (its NetworkPolicy lets it reach the database only), so no `SERVICE_<NAME>_URL`.
 */
export function migrationEnv(serviceEnv: readonly EnvVar[]): EnvVar[] {
  return serviceEnv.filter((e) => e.name !== "PORT" && !/^SERVICE_[A-Z0-9_]+_URL$/.test(e.name));
}
