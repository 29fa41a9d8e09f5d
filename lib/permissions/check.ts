import type { PlanReport } from "../plan/model.ts";
import type { Workflow } from "../../workflows/model.ts";
import type { CheckedIdentity, CloudChecker } from "./cloud-check.ts";
import { checkerFor, cloudOffline, type OfflineFor } from "./checkers.ts";
import { describeResource, type Outcome } from "./evaluate-access.ts";
import { cloudLogin, oidcTokens } from "./job-identity.ts";

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

/** One request the check evaluated and the cloud's rules (or, for Kubernetes, the cluster's access) allowed. */
export type EvaluatedAccess = Omit<Outcome, "reason">;

/** A job's login: the identity it logs in as and the OIDC subjects its token may carry (each checked against the trust). */
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
 * Walks every job of the workflows, finds the identity each logs in as (its login step's identity variable →
 * stack and kind → `<kind>Identity` in that stack's plan → the role, workload identity provider or user-assigned
 * identity there), checks that the job's OIDC tokens may log in as it, and evaluates every `cloudAccess` entry of
 * every later step on the exact resource the entry's stack output names, by that cloud's rules (checkers.ts).
 * `offline` gives the offline answers a GCP or Azure plan was made with (its ids); tests pass their own.
 */
export async function checkPermissions(workflows: readonly Workflow[], plans: readonly PlanReport[], repository: string, offline: OfflineFor = cloudOffline): Promise<PermissionReport> {
  const checkers = new Map<string, CloudChecker>();
  for (const plan of plans) {
    const checker = await checkerFor(plan, offline);
    if (checker) checkers.set(plan.stack, checker);
  }
  const findings: PermissionFinding[] = [];
  const allowed: EvaluatedAccess[] = [];
  const logins: EvaluatedLogin[] = [];
  const unevaluated: PermissionReport["unevaluated"][number][] = [];
  for (const workflow of workflows) {
    for (const [jobId, job] of Object.entries(workflow.jobs)) {
      const where = { workflow: workflow.fileName, job: jobId };
      let identity: CheckedIdentity | undefined;
      for (const [i, step] of job.steps.entries()) {
        const login = cloudLogin(step, i, [...checkers.keys()]);
        if (login !== "not-a-login") {
          identity = undefined;
          if ("problem" in login) {
            findings.push({ ...where, step: step.name, action: "log in", resource: "?", identity: "?", reason: login.problem });
          } else {
            const checker = checkers.get(login.stack) as CloudChecker;
            const found = login.cloud === checker.plan.cloud ? checker.identity(login) : { resource: login.variable, identity: login.variable, reason: `cannot be used: the step logs in to ${login.cloud}, but stack ${login.stack} is on ${checker.plan.cloud}` };
            if ("reason" in found) findings.push({ ...where, action: checker.loginAction, ...found });
            else {
              identity = found;
              const tokens = oidcTokens(workflow, job, repository);
              const base = { ...where, step: step.name, action: checker.loginAction, resource: found.resource, identity: found.name };
              logins.push({ ...where, stack: login.stack, kind: login.kind, identity: found.name, subjects: "problem" in tokens ? [] : [...new Set(tokens.map((t) => t.sub))] });
              const reasons = "problem" in tokens ? [tokens.problem] : await found.trust(tokens);
              findings.push(...reasons.map((reason) => ({ ...base, reason })));
            }
          }
        }
        for (const access of step.cloudAccess ?? []) {
          const request = { ...where, step: step.name, action: access.action };
          if (!identity) {
            findings.push({ ...request, resource: describeResource(access), identity: "no identity", reason: "has no cloud login before it (or its login failed)" });
            continue;
          }
          const result = await identity.evaluate(access, request);
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
