import { takeWarnings } from "../../components/warnings.ts";
import type { Waiver } from "../../policy/waivers.ts";
import { loadProgram } from "./load-program.ts";
import type { PlanReport } from "./model.ts";
import { planStack } from "./plan-stack.ts";
import type { PreparedStack } from "./prepare-stack.ts";
import { stackReferencesFor } from "./stack-references.ts";

export interface PlanStacksOptions {
  /** Policy waivers to apply to every stack. */
  readonly waivers: readonly Waiver[];
  /** Told as each stack of the list is planned: its index in the list, its report, and how long it took. */
  readonly onPlanned?: (index: number, report: PlanReport, seconds: number) => void;
}

/**
 * Plans the stacks in this process, one after another (Pulumi's mock runtime is process-global state), and returns
 * their reports in the list's order. A review stack's base stack is planned once, before it, and its report reused.
 */
export async function planInProcess(root: string, prepared: readonly PreparedStack[], options: PlanStacksOptions): Promise<PlanReport[]> {
  const program = await loadProgram(root);
  const planned = new Map<string, PlanReport>();
  const planOne = (p: PreparedStack) => planStack(p, program, { waivers: options.waivers, takeWarnings });
  const reports: PlanReport[] = [];
  for (const [index, stack] of prepared.entries()) {
    const started = performance.now();
    const stackReferences = await stackReferencesFor(root, stack, planned, planOne);
    const report = planned.get(stack.stack) ?? (await planStack(stack, program, { waivers: options.waivers, takeWarnings, stackReferences }));
    planned.set(stack.stack, report);
    reports.push(report);
    options.onPlanned?.(index, report, (performance.now() - started) / 1000);
  }
  return reports;
}
