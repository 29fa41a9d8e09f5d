import { actions } from "../../workflows/actions.ts";
import type { Job, Step, Workflow } from "../../workflows/model.ts";
import { upperSnake } from "../../workflows/variables.ts";

/** Where a job logs in to AWS: the step, and the stack and kind of identity its `role-to-assume` variable names. */
export interface CloudLogin {
  readonly stepIndex: number;
  readonly variable: string;
  readonly stack: string;
  /** `deploy`, `publish`, `preview`, ...: the stack output `<kind>Identity` holds the role's ARN. */
  readonly kind: string;
}

const variableReference = /^\$\{\{\s*vars\.([A-Za-z0-9_]+)\s*\}\}$/;

/**
 * The identity a login step assumes. Identity variables are named `STRATUM_<STACK>_<KIND>_IDENTITY`
 * (workflows/variables.ts); the stack is the one whose upper-snake name the variable carries.
 */
export function cloudLogin(step: Step, stepIndex: number, stacks: readonly string[]): CloudLogin | "not-a-login" | { readonly problem: string } {
  if (step.uses?.action !== actions.awsCredentials.action) return "not-a-login";
  const role = step.with?.["role-to-assume"];
  const variable = typeof role === "string" ? variableReference.exec(role)?.[1] : undefined;
  if (!variable) return { problem: `role-to-assume is ${JSON.stringify(role)}, not a \${{ vars.<identity variable> }} reference` };
  // The longest stack name first, so `dev-aws-eu` is not taken for `dev-aws`.
  for (const stack of [...stacks].sort((a, b) => b.length - a.length)) {
    const prefix = `STRATUM_${upperSnake(stack)}_`;
    if (variable.startsWith(prefix) && variable.endsWith("_IDENTITY") && variable.length > prefix.length + "_IDENTITY".length) {
      return { stepIndex, variable, stack, kind: variable.slice(prefix.length, -"_IDENTITY".length).toLowerCase() };
    }
  }
  return { problem: `role-to-assume names ${variable}, which is no planned stack's STRATUM_<STACK>_<KIND>_IDENTITY variable` };
}

/** The output of a stack's plan that holds the identity of this kind. */
export function identityOutput(kind: string): string {
  return `${kind}Identity`;
}

/**
 * The OIDC subjects GitHub puts in the job's token (`sub`): with an environment, `repo:OWNER/REPO:environment:ENV`
 * whatever the trigger; without one, one per way the workflow starts: a push to a branch, a pull request, and
 * schedules and manual runs, which run on the default branch (taken to be `main`; a manual run started on
 * another branch has another subject, which no identity trusts).
 */
export function oidcSubjects(workflow: Workflow, job: Job, repository: string): string[] | { readonly problem: string } {
  if (job.environment !== undefined) {
    if (job.environment.includes("${{")) return { problem: `environment "${job.environment}" is an expression: the token's subject is not known offline` };
    return [`repo:${repository}:environment:${job.environment}`];
  }
  const subjects = new Set<string>();
  for (const branch of workflow.on.push?.branches ?? []) subjects.add(`repo:${repository}:ref:refs/heads/${branch}`);
  if (workflow.on.pullRequest) subjects.add(`repo:${repository}:pull_request`);
  if (workflow.on.schedule || workflow.on.workflowDispatch) subjects.add(`repo:${repository}:ref:refs/heads/main`);
  return [...subjects];
}
