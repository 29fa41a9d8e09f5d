import type { PlanReport } from "../plan/model.ts";
import type { Workflow } from "../../workflows/model.ts";
import { describeResource, evaluateAccess, why, type Identity, type Outcome } from "./evaluate-access.ts";
import { cloudLogin, identityOutput, oidcSubjects, type CloudLogin } from "./job-identity.ts";
import { PlanIndex } from "./plan-index.ts";
import { decideTrust } from "./simulate.ts";

/** One thing a job cannot do: `<workflow> <job> / <step>: <action> on <resource> <reason> for <identity>`. */
export interface PermissionFinding {
  readonly workflow: string;
  readonly job: string;
  readonly step?: string;
  readonly action: string;
  readonly resource: string;
  readonly identity: string;
  readonly reason: string;
}

/** One request the check evaluated and the simulator (or, for Kubernetes, the access entries) allowed. */
export type EvaluatedAccess = Omit<Outcome, "reason">;

/** A job's login: the role it assumes and the OIDC subjects its token may carry (each checked against the trust). */
export interface EvaluatedLogin {
  readonly workflow: string;
  readonly job: string;
  readonly stack: string;
  readonly kind: string;
  readonly identity: string;
  readonly subjects: readonly string[];
}

export interface PermissionReport {
  readonly findings: readonly PermissionFinding[];
  readonly allowed: readonly EvaluatedAccess[];
  readonly logins: readonly EvaluatedLogin[];
  /** Declared entries outside every plan (the Pulumi state backend): listed, not evaluated. */
  readonly unevaluated: readonly { readonly workflow: string; readonly job: string; readonly step: string; readonly action: string; readonly resource: string }[];
}

export function describeFinding(f: PermissionFinding): string {
  return `${f.workflow} ${f.job}${f.step ? ` / ${f.step}` : ""}: ${f.action} on ${f.resource} ${f.reason} for ${f.identity}`;
}

/**
 * Walks every job of the workflows, finds the identity each logs in as (its AWS login step's `role-to-assume`
 * variable → stack and kind → `<kind>Identity` in that stack's plan → the IAM role there), checks that the job's
 * OIDC token may assume it, and evaluates every `cloudAccess` entry of every later step on the exact ARN the
 * entry's stack output names, with the role's policies and the resource's own policy from the plan.
 */
export async function checkPermissions(workflows: readonly Workflow[], plans: readonly PlanReport[], repository: string): Promise<PermissionReport> {
  const indexes = new Map(plans.filter((p) => p.cloud === "aws").map((p) => [p.stack, new PlanIndex(p)]));
  const findings: PermissionFinding[] = [];
  const allowed: EvaluatedAccess[] = [];
  const logins: EvaluatedLogin[] = [];
  const unevaluated: PermissionReport["unevaluated"][number][] = [];
  for (const workflow of workflows) {
    for (const [jobId, job] of Object.entries(workflow.jobs)) {
      const where = { workflow: workflow.fileName, job: jobId };
      let identity: Identity | undefined;
      for (const [i, step] of job.steps.entries()) {
        const login = cloudLogin(step, i, [...indexes.keys()]);
        if (login !== "not-a-login") {
          identity = undefined;
          if ("problem" in login) findings.push({ ...where, step: step.name, action: "sts:AssumeRoleWithWebIdentity", resource: "?", identity: "?", reason: login.problem });
          else identity = resolveIdentity(login, indexes.get(login.stack) as PlanIndex, where, findings);
          if (identity) {
            const subjects = oidcSubjects(workflow, job, repository);
            logins.push({ ...where, stack: identity.login.stack, kind: identity.login.kind, identity: identity.roleArn, subjects: "problem" in subjects ? [] : subjects });
            findings.push(...(await trustFindings(subjects, identity, where, step.name)));
          }
        }
        for (const access of step.cloudAccess ?? []) {
          const request = { ...where, step: step.name, action: access.action };
          if (!identity) {
            findings.push({ ...request, resource: describeResource(access), identity: "no identity", reason: "has no AWS login before it (or its login failed)" });
            continue;
          }
          const result = await evaluateAccess(identity, access, request);
          if (result.unevaluated) unevaluated.push({ ...request, resource: describeResource(access) });
          for (const { reason, ...outcome } of result.outcomes) {
            if (reason === undefined) allowed.push(outcome);
            else findings.push({ ...outcome, reason });
          }
        }
      }
    }
  }
  return { findings, allowed, logins, unevaluated };
}

function resolveIdentity(login: CloudLogin, index: PlanIndex, where: { workflow: string; job: string }, findings: PermissionFinding[]): Identity | undefined {
  const output = identityOutput(login.kind);
  const roleArn = index.plan.outputs[output];
  const role = typeof roleArn === "string" ? index.rolePolicies(roleArn) : undefined;
  if (typeof roleArn !== "string" || !role) {
    const reason = typeof roleArn !== "string" ? `cannot be assumed: stack ${login.stack} exports no ${output} (the variable ${login.variable})` : `cannot be assumed: ${output} of ${login.stack} names no IAM role in the plan`;
    findings.push({ ...where, action: "sts:AssumeRoleWithWebIdentity", resource: String(roleArn ?? output), identity: login.variable, reason });
    return undefined;
  }
  return { login, index, roleArn, role };
}

async function trustFindings(subjects: string[] | { readonly problem: string }, identity: Identity, where: { workflow: string; job: string }, step: string): Promise<PermissionFinding[]> {
  const base = { ...where, step, action: "sts:AssumeRoleWithWebIdentity", resource: identity.roleArn, identity: identity.roleArn };
  if ("problem" in subjects) return [{ ...base, reason: subjects.problem }];
  if (!identity.role.trust) return [{ ...base, reason: "is denied: the role has no trust policy in the plan" }];
  const providers = identity.index.ofType("aws:iam/openIdConnectProvider:OpenIdConnectProvider").filter((p) => p.resource.inputs["url"] === "https://token.actions.githubusercontent.com");
  if (providers.length !== 1) return [{ ...base, reason: `is denied: the plan has ${providers.length} GitHub OIDC providers, not one` }];
  const found: PermissionFinding[] = [];
  for (const sub of subjects) {
    const claims = { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": sub };
    const decision = await decideTrust({ roleArn: identity.roleArn, providerArn: providers[0]!.arn, account: identity.index.account, trust: identity.role.trust, claims });
    if (decision.decision !== "allowed") found.push({ ...base, reason: `${why(decision)} by the trust policy for the OIDC subject ${sub}` });
  }
  return found;
}
