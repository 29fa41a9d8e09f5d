import * as pulumi from "@pulumi/pulumi";
import { Capability } from "../capability.ts";
import type { CloudDrivers } from "../cloud-contract.ts";
import type { PlatformSpec } from "../spec/index.ts";
import type { GovernanceTier } from "../governance/governance.ts";
import type { InfraTier } from "../infra/infra.ts";
import type { Database } from "./database/database.ts";
import type { Lake } from "./lake/lake.ts";
import type { Warehouse } from "./warehouse/warehouse.ts";
import type { Catalog } from "./catalog/catalog.ts";
import type { DataGrants } from "../kubernetes/identities.ts";

/**
 * Database, lake, warehouse and catalog, each only when the spec declares it, each granting the workloads'
 * identities their access on its own resources. Pipelines are workloads: the
 * Kubernetes tier runs each one's image as a CronJob (components/kubernetes/pipeline.ts).
 */
export class DataTier extends pulumi.ComponentResource {
  readonly database?: Database;
  readonly lake: Lake;
  readonly warehouse?: Warehouse;
  readonly catalog: Catalog;

  constructor(name: string, spec: PlatformSpec, drivers: CloudDrivers, governance: GovernanceTier, infra: InfraTier, grants: DataGrants, opts: pulumi.ComponentResourceOptions) {
    super("stratum:data:Data", name, {}, opts);
    const child = { parent: this };
    const { keyIds } = governance.keys;
    const { network } = infra;
    const { database, warehouse } = spec.data;
    if (database) {
      this.database = new Capability("stratum:data:Database", `${name}-database`, spec, (ctx) =>
        drivers.data.database.create({ ...database, connectivity: network.dataStores, keyId: keyIds.database, logDestination: governance.audit.logDestination, grants: grants.database }, ctx), child).result;
    }
    this.lake = new Capability("stratum:data:Lake", `${name}-lake`, spec, (ctx) =>
      drivers.data.lake.create({ ...spec.data.lake, keyId: keyIds.lake, connectivity: network.dataStores, logDestination: governance.audit.logDestination, grants: grants.lake }, ctx), child).result;
    if (warehouse) {
      this.warehouse = new Capability("stratum:data:Warehouse", `${name}-warehouse`, spec, (ctx) =>
        drivers.data.warehouse.create({ ...warehouse, connectivity: network.dataStores, keyId: keyIds.warehouse, logDestination: governance.audit.logDestination, grants: grants.warehouse }, ctx), child).result;
    }
    this.catalog = new Capability("stratum:data:Catalog", `${name}-catalog`, spec, (ctx) =>
      drivers.data.catalog.create({ lake: this.lake, keyId: keyIds.lake, connectivity: network.dataStores, logDestination: governance.audit.logDestination }, ctx), child).result;
    this.registerOutputs({
      databaseHost: this.database?.host,
      lakeZones: this.lake.zoneLocations,
      warehouseEndpoint: this.warehouse?.endpoint,
      catalogId: this.catalog.catalogId,
    });
  }
}
