import { listStacks } from "../stack-config/stack-config.ts";
import { loadProgram } from "../plan/load-program.ts";
import { planStack, prepareStack } from "../plan/plan-stack.ts";
import type { PlanReport } from "../plan/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { checkPermissions, type PermissionReport } from "./check.ts";

/**
 * The whole offline permission check for a repository: plans every stack as `stratum plan` does, generates
 * the workflows as `stratum synth` does (the model, not the YAML), and evaluates every job against the plans.
 * A command can print `describeFinding` of each finding and exit 1 when there are any.
 */
export async function checkRepositoryPermissions(root: string): Promise<PermissionReport & { readonly plans: readonly PlanReport[] }> {
  const specs = loadStackSpecs(root);
  const program = await loadProgram(root);
  const plans: PlanReport[] = [];
  for (const stack of listStacks(root)) {
    const prepared = prepareStack(root, stack);
    plans.push(await planStack(prepared, program));
  }
  const platform = workflowPlatform(specs);
  const report = await checkPermissions(workflows(platform), plans, platform.repository);
  return { ...report, plans };
}
