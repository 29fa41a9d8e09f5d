import { UserInputError } from "../cli/errors.ts";
import { listStacks } from "../stack-config/stack-config.ts";
import type { PlanReport } from "./model.ts";
import { prepareStack, type PreparedStack } from "./prepare-stack.ts";

/** Plans a stack (the caller's way: program, waivers, warnings) and returns its report. */
export type PlanOne = (prepared: PreparedStack) => Promise<PlanReport>;

/**
 * The offline answers to the stack references a stack's program reads: a review stack references its base
 * stack (`stratum:review.baseStack`), and offline that reference reads the base stack's *plan* outputs, so the
 * base stack (a stack file in the same `stacks/`, matched by its last name segment) is planned first, or its
 * report reused from `planned`. A base stack that is not there is bad input (exit 2), never an invented answer.
 */
export async function stackReferencesFor(root: string, prepared: PreparedStack, planned: Map<string, PlanReport>, planOne: PlanOne): Promise<Record<string, Readonly<Record<string, unknown>>>> {
  const base = prepared.spec.review.baseStack;
  if (base === undefined) return {};
  const local = checkBaseStack(root, prepared);
  let report = planned.get(local);
  if (!report) {
    const basePrepared = prepareStack(root, local);
    const problem = reviewBaseProblem(prepared, basePrepared);
    if (problem) throw new UserInputError(problem);
    report = await planOne(basePrepared);
    planned.set(local, report);
  }
  return { [base]: report.outputs };
}

/**
 * The local name of a review stack's base stack, checked to be another stack in `stacks/` (bad input, exit 2,
 * otherwise), so the command can refuse it before anything is planned. Undefined base: not a review stack.
 */
export function checkBaseStack(root: string, prepared: PreparedStack): string {
  const base = prepared.spec.review.baseStack ?? "";
  const local = base.split("/").pop() ?? base;
  if (local === prepared.stack) throw new UserInputError(`stratum:review.baseStack: got "${base}", expected another stack than the review stack itself`);
  const known = listStacks(root);
  if (!known.includes(local)) {
    throw new UserInputError(`stratum:review.baseStack: got "${base}", expected a stack in stacks/ (${known.join(", ") || "none"}) whose plan outputs the offline plan reads`);
  }
  return local;
}

/**
 * The problem with a review stack's base stack when that is itself a review stack (a base must be a dev stack):
 * checked when the base is prepared here, and by the command for bases among the stacks it plans, so the answer
 * does not depend on which is planned first.
 */
export function reviewBaseProblem(review: PreparedStack, base: PreparedStack): string | undefined {
  if (base.spec.review.baseStack === undefined) return undefined;
  return `stratum:review.baseStack: got "${review.spec.review.baseStack}", which is itself a review stack; expected a dev stack`;
}
