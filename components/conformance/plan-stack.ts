import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadProgram } from "../../lib/plan/load-program.ts";
import { planStack } from "../../lib/plan/plan-stack.ts";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { isCloudResource, tierOf, tiers, type Tier } from "../../lib/plan/tiers.ts";
import { readStackFile } from "../../lib/stack-config/stack-config.ts";
import { specFromConfig, type PlatformSpec } from "../spec/index.ts";
import { takeWarnings } from "../warnings.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

export interface PlannedStack extends PlanReport {
  readonly spec: PlatformSpec;
}

/** Where the suite's own stacks live: beside it, not in stacks/ (the stacks that are deployed). */
export const fixtureDir = "components/conformance/fixtures";

/**
 * Plans one of the suite's fixture stacks (`fixtures/Pulumi.<stack>.yaml`) offline as `stratum plan` plans a
 * stack: validated first, then the program Pulumi.yaml names, under mocks.
 */
export async function planFixtureStack(stack: string): Promise<PlannedStack> {
  const config = readStackFile(root, join(fixtureDir, `Pulumi.${stack}.yaml`));
  const prepared = { stack, config, spec: specFromConfig(config.values, stack) };
  const report = await planStack(prepared, await loadProgram(root), { takeWarnings });
  return { ...report, spec: prepared.spec };
}

/** Cloud resources per tier. */
export function inventory(plan: PlanReport): Record<Tier, PlanResource[]> {
  const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
  const result = Object.fromEntries(tiers.map((t) => [t, [] as PlanResource[]])) as Record<Tier, PlanResource[]>;
  for (const resource of plan.resources.filter(isCloudResource)) {
    const tier = tierOf(resource, byUrn);
    if (tier) result[tier].push(resource);
  }
  return result;
}
