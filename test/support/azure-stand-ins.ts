import * as pulumi from "@pulumi/pulumi";
import type { CloudDrivers } from "../../components/cloud-contract.ts";
import type { Driver } from "../../components/capability.ts";
import { placeholderDomain } from "../../lib/plan/placeholders.ts";

/**
 * Tests only: stand-ins for the Azure data, ML and web drivers while they are built, which create no resource and
 * return contract outputs in Azure's shapes, so the core drivers' part of a plan can be tested on its own. A
 * built driver is never replaced (`withStandIns` keeps every driver that does not throw "not built yet").
 */
const fixed = <R extends object>(make: (ctx: { name: (s: string) => string }) => R): Driver<unknown, R> => ({ create: (_args, ctx) => make(ctx) });

const standIns = {
  database: fixed((ctx) => ({ host: pulumi.output(`${ctx.name("pg")}.postgres.${placeholderDomain}`), port: pulumi.output(5432), databaseName: pulumi.output("orders"), adminSecretRef: pulumi.output("stand-in") })),
  lake: { create: (args: { zones: readonly string[] }) => ({ zoneLocations: Object.fromEntries(args.zones.map((z) => [z, pulumi.output(`https://lake.blob.${placeholderDomain}/${z}`)])) }) },
  warehouse: fixed((ctx) => ({ warehouseId: pulumi.output(ctx.name("synapse")), endpoint: pulumi.output(`${ctx.name("synapse")}.sql.${placeholderDomain}`) })),
  catalog: fixed((ctx) => ({ catalogId: pulumi.output(ctx.name("purview")) })),
  artifacts: fixed(() => ({ location: pulumi.output(`https://ml.blob.${placeholderDomain}/artifacts`) })),
  serving: { create: (args: { models: readonly { name: string }[] }) => ({ endpoints: Object.fromEntries(args.models.map((m) => [m.name, pulumi.output(`https://${m.name}.inference.${placeholderDomain}/score`)])) }) },
  frontend: fixed(() => ({ url: pulumi.output(`https://site.${placeholderDomain}`), siteLocation: pulumi.output("site"), cdnId: pulumi.output("frontdoor") })),
};

/** A placeholder driver (components/clouds/not-built.ts) says so in its body; a built one never runs here. */
function built(driver: object): boolean {
  return !String((driver as Driver<unknown, object>).create).includes("not built yet");
}

export function withStandIns(drivers: CloudDrivers): CloudDrivers {
  const pick = <D extends object>(own: D, standIn: object): D => (built(own) ? own : (standIn as D));
  return {
    ...drivers,
    data: { database: pick(drivers.data.database, standIns.database), lake: pick(drivers.data.lake, standIns.lake), warehouse: pick(drivers.data.warehouse, standIns.warehouse), catalog: pick(drivers.data.catalog, standIns.catalog) },
    ml: { artifacts: pick(drivers.ml.artifacts, standIns.artifacts), serving: pick(drivers.ml.serving, standIns.serving) },
    web: { frontend: pick(drivers.web.frontend, standIns.frontend) },
  };
}
