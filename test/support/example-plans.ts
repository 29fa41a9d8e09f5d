import { inject } from "vitest";
import { prepareStack } from "../../lib/plan/prepare-stack.ts";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { planJson } from "./plan-json.ts";
import { runOnce } from "./run-once.ts";
import { repoRoot } from "./shared-dir.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where this run's example-stack plans are shared between test processes (test/support/example-plans-setup.ts). */
    examplePlansDir: string;
  }
}

/**
 * An example stack's plan (a stack in stacks/, unchanged), as `stratum plan --stack <stack> --format json` prints
 * it, planned once per test run: every test file that reads the same stack gets its own copy of the one report,
 * instead of each process planning it again. Outside a Vitest run with the setup, it plans.
 */
export async function examplePlan(stack: string): Promise<PlanReport> {
  const dir = inject("examplePlansDir");
  if (!dir) return planJson(stack);
  return JSON.parse(await runOnce(dir, `plan-${stack}`, async () => JSON.stringify(await planJson(stack)))) as PlanReport;
}

/** The example stack's plan with its spec. */
export async function examplePlannedStack(stack: string): Promise<PlannedStack> {
  return { ...(await examplePlan(stack)), spec: prepareStack(repoRoot, stack).spec };
}
