import * as pulumi from "@pulumi/pulumi";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Driver } from "../../../capability.ts";
import type { Lake, LakeArgs } from "../../../data/lake/lake.ts";
import type { Catalog, CatalogArgs } from "../../../data/catalog/catalog.ts";
import { Platform } from "../../../platform.ts";
import { specFromConfig } from "../../../spec/index.ts";
import { loadCloud } from "../../select.ts";
import { fixtureDir, type PlannedStack } from "../../../conformance/plan-stack.ts";
import { planStack } from "../../../../lib/plan/plan-stack.ts";
import { readStackFile } from "../../../../lib/stack-config/stack-config.ts";

const root = fileURLToPath(new URL("../../../..", import.meta.url));

/**
 * Test support: a GCP stack planned with the real core drivers (governance, infra, workload identities, the
 * cluster's workloads) and, for the two capabilities every stack has but the core does not own, the lake and the
 * catalog, stand-ins that create nothing and name each zone's bucket as the GCP lake driver does
 * (`<prefix>-lake-<zone>`). The core fixtures (`fixtures/Pulumi.core-*-gcp.yaml`) declare no database,
 * warehouse, model or front end, so nothing else is reached.
 */
const lakeStandIn: Driver<LakeArgs, Lake> = {
  create: (args, ctx) => ({ zoneLocations: Object.fromEntries(args.zones.map((zone) => [zone, pulumi.output(ctx.name(`lake-${zone}`))])) }),
};
const catalogStandIn: Driver<CatalogArgs, Catalog> = { create: (_args, ctx) => ({ catalogId: pulumi.output(ctx.name("catalog")) }) };

export async function planGcpCoreFixture(stack: string): Promise<PlannedStack> {
  const config = readStackFile(root, join(fixtureDir, `Pulumi.${stack}.yaml`));
  const spec = specFromConfig(config.values, stack);
  const { drivers } = await loadCloud("gcp");
  const program = async () => new Platform(spec.name, { spec, drivers: { ...drivers, data: { ...drivers.data, lake: lakeStandIn, catalog: catalogStandIn } } }).outputs;
  const report = await planStack({ stack, config, spec }, program);
  return { ...report, spec };
}
