import * as pulumi from "@pulumi/pulumi";
import type { Database } from "../data/database/database.ts";
import type { Lake } from "../data/lake/lake.ts";
import type { Warehouse } from "../data/warehouse/warehouse.ts";
import type { ModelArtifacts } from "../ml/artifacts/artifacts.ts";
import { workloadEnv, type CloudWorkloadWiring, type EnvVar, type WiringValues } from "../kubernetes/workload-env.ts";
import type { WiredWorkload } from "./workloads.ts";

/** The tiers' contracts a workload's environment reads (never the database's admin secret). */
export interface WiringSources {
  readonly region: string;
  readonly namespace: string;
  readonly database?: Database;
  /** Absent where no workload can be granted a zone (managed models). */
  readonly lake?: Lake;
  readonly warehouse?: Warehouse;
  readonly artifacts?: ModelArtifacts;
  readonly databaseSchema?: string;
}

/** The tiers' outputs, resolved once into the plain values `workloadEnv` reads. */
export function wiringValues(sources: WiringSources): pulumi.Output<WiringValues> {
  const zones = Object.entries(sources.lake?.zoneLocations ?? {});
  const { database } = sources;
  return pulumi
    .all([
      pulumi.all(zones.map(([, location]) => location)),
      database ? pulumi.all([database.host, database.port, database.databaseName]) : undefined,
      sources.artifacts?.location,
      sources.warehouse?.endpoint,
    ])
    .apply(([locations, db, artifactsLocation, warehouseEndpoint]): WiringValues => ({
      region: sources.region,
      namespace: sources.namespace,
      lakeZones: Object.fromEntries(zones.map(([zone], i) => [zone, locations[i]!])),
      ...(db ? { database: { host: db[0], port: db[1], name: db[2] } } : {}),
      ...(artifactsLocation !== undefined ? { artifactsLocation } : {}),
      ...(warehouseEndpoint !== undefined ? { warehouseEndpoint } : {}),
      ...(sources.databaseSchema ? { databaseSchema: sources.databaseSchema } : {}),
    }));
}

/** One workload's environment from the resolved values. */
export function envOutput(workload: WiredWorkload, workloads: readonly WiredWorkload[], values: pulumi.Output<WiringValues>, cloud: CloudWorkloadWiring): pulumi.Output<EnvVar[]> {
  return values.apply((v) => workloadEnv(workload, workloads, v, cloud));
}
