import { planExampleStack, type PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { Workflow } from "../../workflows/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { repoRoot } from "../support/shared-dir.ts";

/** Every stack in stacks/, whatever its cloud: a GCP or Azure stack added there is checked as soon as it plans. */
export const stackNames = loadStackSpecs(repoRoot).map((s) => s.stack).sort();

/** The generated workflows, as `stratum synth` writes them. */
export const generated = (): Workflow[] => workflows(workflowPlatform(loadStackSpecs(repoRoot)));

/** Plans every example stack, one after the other (the mock runtime a plan runs under is process-wide). */
export async function planAll(): Promise<Map<string, PlannedStack>> {
  const plans = new Map<string, PlannedStack>();
  for (const stack of stackNames) plans.set(stack, await planExampleStack(stack));
  return plans;
}
