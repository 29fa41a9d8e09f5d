import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { Workflow } from "../../workflows/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { examplePlannedStack } from "../support/example-plans.ts";

/** Every stack in stacks/, whatever its cloud: a GCP or Azure stack added there is checked as soon as it plans. */
export const stackNames = loadStackSpecs(repoRoot).map((s) => s.stack).sort();

/** The generated workflows, as `stratum synth` writes them. */
export const generated = (): Workflow[] => workflows(workflowPlatform(loadStackSpecs(repoRoot)));

/** The plans of every example stack, each planned once per test run (test/support/example-plans.ts). */
export async function planAll(): Promise<Map<string, PlannedStack>> {
  const plans = new Map<string, PlannedStack>();
  for (const stack of stackNames) plans.set(stack, await examplePlannedStack(stack));
  return plans;
}
