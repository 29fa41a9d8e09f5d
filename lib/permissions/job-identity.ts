import type { Cloud } from "../../components/spec/schema.ts";
import { actions } from "../../workflows/actions.ts";
import type { Job, Step, Workflow } from "../../workflows/model.ts";
import { upperSnake } from "../../workflows/variables.ts";

/** Where a job logs in to a cloud: the step, and the stack and kind of identity its identity input's variable names. */
export interface CloudLogin {
  readonly cloud: Cloud;
  readonly stepIndex: number;
  readonly variable: string;
  readonly stack: string;
  /** `deploy`, `publish`, `preview`, ...: the stack output `<kind>Identity` holds the identity. */
  readonly kind: string;
  /** The login step's inputs (GCP's `service_account`, Azure's `audience`). */
  readonly with: Readonly<Record<string, unknown>>;
}

/**
 * Each cloud's login action and the input naming the identity: an IAM role's ARN, a workload identity provider's
 * full name, a user-assigned identity's client id.
 */
const loginInputs: readonly { readonly cloud: Cloud; readonly action: string; readonly input: string }[] = [
  { cloud: "aws", action: actions.awsCredentials.action, input: "role-to-assume" },
  { cloud: "gcp", action: actions.gcpAuth.action, input: "workload_identity_provider" },
  { cloud: "azure", action: actions.azureLogin.action, input: "client-id" },
];

const variableReference = /^\$\{\{\s*vars\.([A-Za-z0-9_]+)\s*\}\}$/;

/**
 * The identity a login step logs in as. Identity variables are named `STRATUM_<STACK>_<KIND>_IDENTITY`
 * (workflows/variables.ts); the stack is the one whose upper-snake name the variable carries.
 */
export function cloudLogin(step: Step, stepIndex: number, stacks: readonly string[]): CloudLogin | "not-a-login" | { readonly problem: string } {
  const login = loginInputs.find((l) => l.action === step.uses?.action);
  if (!login) return "not-a-login";
  const value = step.with?.[login.input];
  const variable = typeof value === "string" ? variableReference.exec(value)?.[1] : undefined;
  if (!variable) return { problem: `${login.input} is ${JSON.stringify(value)}, not a \${{ vars.<identity variable> }} reference` };
  // The longest stack name first, so `dev-aws-eu` is not taken for `dev-aws`.
  for (const stack of [...stacks].sort((a, b) => b.length - a.length)) {
    const prefix = `STRATUM_${upperSnake(stack)}_`;
    if (variable.startsWith(prefix) && variable.endsWith("_IDENTITY") && variable.length > prefix.length + "_IDENTITY".length) {
      return { cloud: login.cloud, stepIndex, variable, stack, kind: variable.slice(prefix.length, -"_IDENTITY".length).toLowerCase(), with: step.with ?? {} };
    }
  }
  return { problem: `${login.input} names ${variable}, which is no planned stack's STRATUM_<STACK>_<KIND>_IDENTITY variable` };
}

/** The output of a stack's plan that holds the identity of this kind. */
export function identityOutput(kind: string): string {
  return `${kind}Identity`;
}

/** The claims of a GitHub Actions OIDC token that trusts and attribute conditions read. */
export interface OidcToken {
  readonly sub: string;
  readonly repository: string;
  readonly repository_owner: string;
  readonly ref: string;
  readonly event_name: string;
  readonly environment?: string;
}

/** The default branch schedules and manual runs run on (a manual run started on another branch has another ref, which no identity trusts). */
const defaultBranch = "main";

/**
 * The tokens GitHub gives the job, one per way the workflow starts: a push to a branch, a pull request (its merge
 * ref; the number is unknown offline), a schedule or a manual run (on the default branch). The subject is
 * `repo:OWNER/REPO:environment:ENV` when the job has an environment, whatever the trigger; otherwise it follows
 * the trigger.
 */
export function oidcTokens(workflow: Workflow, job: Job, repository: string): OidcToken[] | { readonly problem: string } {
  if (job.environment?.includes("${{")) return { problem: `environment "${job.environment}" is an expression: the token's subject is not known offline` };
  const starts: { ref: string; event_name: string; sub: string }[] = [];
  for (const branch of workflow.on.push?.branches ?? []) starts.push({ ref: `refs/heads/${branch}`, event_name: "push", sub: `ref:refs/heads/${branch}` });
  if (workflow.on.pullRequest) starts.push({ ref: "refs/pull/<number>/merge", event_name: "pull_request", sub: "pull_request" });
  if (workflow.on.schedule) starts.push({ ref: `refs/heads/${defaultBranch}`, event_name: "schedule", sub: `ref:refs/heads/${defaultBranch}` });
  if (workflow.on.workflowDispatch) starts.push({ ref: `refs/heads/${defaultBranch}`, event_name: "workflow_dispatch", sub: `ref:refs/heads/${defaultBranch}` });
  const owner = repository.split("/")[0] ?? repository;
  return starts.map((s) => ({
    sub: `repo:${repository}:${job.environment !== undefined ? `environment:${job.environment}` : s.sub}`,
    repository,
    repository_owner: owner,
    ref: s.ref,
    event_name: s.event_name,
    ...(job.environment !== undefined ? { environment: job.environment } : {}),
  }));
}

/** The distinct subjects of the job's tokens (what an AWS trust policy pins). */
export function oidcSubjects(workflow: Workflow, job: Job, repository: string): string[] | { readonly problem: string } {
  const tokens = oidcTokens(workflow, job, repository);
  return "problem" in tokens ? tokens : [...new Set(tokens.map((t) => t.sub))];
}
