import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { cloudLogin } from "../../lib/permissions/job-identity.ts";
import { cloudLogin as loginStep } from "../../workflows/steps.ts";
import type { CloudAccess, Job, Step, Workflow } from "../../workflows/model.ts";
import { upperSnake } from "../../workflows/variables.ts";

/** A login as `<stack>`'s identity of `kind`, the way generated jobs log in (publish and review included). */
export function loginAs(stack: string, kind: string): Step {
  const step = loginStep("aws", stack, "deploy");
  return { ...step, with: { ...step.with, "role-to-assume": `\${{ vars.STRATUM_${upperSnake(stack)}_${kind.toUpperCase()}_IDENTITY }}` } };
}

export const access = (action: string, output: string, key?: string, suffix?: string): CloudAccess => ({
  action,
  resource: { output, ...(key !== undefined ? { key } : {}), ...(suffix !== undefined ? { suffix } : {}) },
});

export function step(name: string, cloudAccess: readonly CloudAccess[]): Step {
  return { name, run: "true", cloudAccess };
}

export function job(steps: readonly Step[], environment?: string): Job {
  return { name: "job", permissions: { contents: "read", "id-token": "write" }, timeoutMinutes: 5, ...(environment ? { environment } : {}), steps };
}

/** A workflow run by pushes to main, like deploy.yml. */
export function pushWorkflow(jobs: Record<string, Job>, on: Workflow["on"] = { push: { branches: ["main"] } }): Workflow {
  return { fileName: "synthetic.yml", source: "test/permissions", name: "Synthetic", on, jobs };
}

/** A copy of the plan with one statement (by Sid) taken out of the named role's inline policy. */
export function withoutStatement(plan: PlanReport, policyName: string, sid: string): PlanReport {
  let removed = 0;
  const resources = plan.resources.map((r): PlanResource => {
    if (r.type !== "aws:iam/rolePolicy:RolePolicy" || r.name !== policyName) return r;
    const policy = JSON.parse(String(r.inputs["policy"])) as { Statement: { Sid?: string }[] };
    const kept = policy.Statement.filter((s) => s.Sid !== sid);
    removed += policy.Statement.length - kept.length;
    return { ...r, inputs: { ...r.inputs, policy: JSON.stringify({ ...policy, Statement: kept }) } };
  });
  if (removed !== 1) throw new Error(`${policyName} has ${removed} statements with Sid ${sid}, expected exactly one`);
  return { ...plan, resources };
}

/** A copy of the plan without the named resource. */
export function withoutResource(plan: PlanReport, name: string): PlanReport {
  const resources = plan.resources.filter((r) => r.name !== name);
  if (resources.length !== plan.resources.length - 1) throw new Error(`${plan.stack} has no single resource named ${name}`);
  return { ...plan, resources };
}

/** A copy of the plan with more outputs. */
export function withOutputs(plan: PlanReport, outputs: Record<string, unknown>): PlanReport {
  return { ...plan, outputs: { ...plan.outputs, ...outputs } };
}

/**
 * The workflows' jobs that log in to these stacks only (and those that log in nowhere): the generated workflows
 * hold every stack's jobs, and a check given some stacks' plans reports a login to another as unplanned.
 */
export function jobsFor(all: readonly Workflow[], stacks: readonly string[]): Workflow[] {
  const ours = (j: Job) => j.steps.every((s, i) => {
    const login = cloudLogin(s, i, stacks);
    return login === "not-a-login" || !("problem" in login);
  });
  return all.map((w) => ({ ...w, jobs: Object.fromEntries(Object.entries(w.jobs).filter(([, j]) => ours(j))) })).filter((w) => Object.keys(w.jobs).length > 0);
}
