import * as pulumi from "@pulumi/pulumi";
import type { CloudDrivers } from "../../components/cloud-contract.ts";
import type { Driver } from "../../components/capability.ts";
import { placeholderDomain } from "../../lib/plan/placeholders.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { planStack, prepareStack } from "../../lib/plan/plan-stack.ts";
import { readStackFile } from "../../lib/stack-config/stack-config.ts";
import { loadCloud } from "../../components/clouds/select.ts";
import { Platform } from "../../components/platform.ts";
import { specFromConfig, type PlatformSpec } from "../../components/spec/index.ts";
import { repoRoot } from "./shared-dir.ts";

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

/**
 * Plans an Azure stack as `stratum plan` does (validated spec, offline answers, the policy pack), with the program
 * built on `withStandIns(drivers)`: `stacks/Pulumi.<stack>.yaml`, or a fixture file relative to the repository.
 */
export async function planAzureStack(stack: string, fixtureFile?: string): Promise<PlanReport & { readonly spec: PlatformSpec }> {
  const prepared = fixtureFile
    ? (() => {
        const config = readStackFile(repoRoot, fixtureFile);
        return { stack, config, spec: specFromConfig(config.values, stack) };
      })()
    : prepareStack(repoRoot, stack);
  const { drivers } = await loadCloud("azure");
  const report = await planStack(prepared, async () => new Platform(prepared.spec.name, { spec: prepared.spec, drivers: withStandIns(drivers) }).outputs as Record<string, unknown>);
  return { ...report, spec: prepared.spec };
}
