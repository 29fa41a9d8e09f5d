import { inject } from "vitest";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { prepareStack } from "../../lib/plan/prepare-stack.ts";
import { runOnce } from "./run-once.ts";
import { repoRoot } from "./shared-dir.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** Where this run's example-stack plans are shared between test processes (test/support/example-plans-setup.ts). */
    examplePlansDir: string;
  }
}

/**
 * An example stack's plan (a stack in stacks/, unchanged): the report `stratum plan --stack <stack>` writes, made
 * by the path the command takes (its policy waivers, `planInProcess`) without the command line around it, which
 * test/plan/plan-command.test.ts runs. Not the command module itself: the command table brings every command's
 * dependencies (octokit's types among them) into each type-check program that holds a test reading a plan.
 */
async function planExample(stack: string): Promise<PlanReport> {
  // Loaded only by the process that plans: the others read the report and never load the Pulumi SDK for it.
  const [{ planInProcess }, { allRules }, { loadPolicyWaivers }] = await Promise.all([import("../../lib/plan/plan-in-process.ts"), import("../../policy/rules/index.ts"), import("../../policy/waivers.ts")]);
  const waivers = loadPolicyWaivers(repoRoot, undefined, allRules.map((r) => r.id));
  const [report] = await planInProcess(repoRoot, [prepareStack(repoRoot, stack)], { waivers });
  if (!report) throw new Error(`planning ${stack} gave no report`);
  return report;
}

/**
 * The example stack's plan, planned once per test run: every test file that reads the same stack gets its own copy
 * of the one report (through JSON, as `stratum plan` writes it), instead of each process planning it again.
 * Outside a Vitest run with the setup, it plans.
 */
export async function examplePlan(stack: string): Promise<PlanReport> {
  const dir = inject("examplePlansDir");
  const json = dir ? await runOnce(dir, `plan-${stack}`, async () => JSON.stringify(await planExample(stack))) : JSON.stringify(await planExample(stack));
  return JSON.parse(json) as PlanReport;
}

/** The example stack's plan with its spec. */
export async function examplePlannedStack(stack: string): Promise<PlannedStack> {
  return { ...(await examplePlan(stack)), spec: prepareStack(repoRoot, stack).spec };
}
