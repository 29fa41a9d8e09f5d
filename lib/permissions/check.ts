import type { PlanReport } from "../plan/model.ts";
import type { CloudAccess, Workflow } from "../../workflows/model.ts";
import { impliedAccess } from "./implied-access.ts";
import { cloudLogin, identityOutput, oidcSubjects, type CloudLogin } from "./job-identity.ts";
import { PlanIndex, type IndexedResource, type RolePolicies } from "./plan-index.ts";
import { decide, decideTrust, takesNoResource, type Decision } from "./simulate.ts";

/** One thing a job cannot do: `<workflow> <job> / <step>: <action> on <resource> denied for <identity>`. */
export interface PermissionFinding {
  readonly workflow: string;
  readonly job: string;
  readonly step?: string;
  readonly action: string;
  readonly resource: string;
  readonly identity: string;
  readonly reason: string;
}

/** One request the check evaluated and the simulator allowed. */
export interface EvaluatedAccess {
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  readonly action: string;
  readonly resource: string;
  readonly identity: string;
}

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
}

export function describeFinding(f: PermissionFinding): string {
  return `${f.workflow} ${f.job}${f.step ? ` / ${f.step}` : ""}: ${f.action} on ${f.resource} ${f.reason} for ${f.identity}`;
}

/** The action `cloudAccess` entries use for "talks to the cluster's Kubernetes API": EKS access entries decide it, not IAM. */
export const kubernetesApiAccess = "eks:AccessKubernetesApi";

interface Identity {
  readonly login: CloudLogin;
  readonly index: PlanIndex;
  readonly roleArn: string;
  readonly role: RolePolicies;
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
  for (const workflow of workflows) {
    for (const [jobId, job] of Object.entries(workflow.jobs)) {
      const where = { workflow: workflow.fileName, job: jobId };
      let identity: Identity | undefined;
      for (const [i, step] of job.steps.entries()) {
        const login = cloudLogin(step, i, [...indexes.keys()]);
        if (login !== "not-a-login") {
          if ("problem" in login) {
            findings.push({ ...where, step: step.name, action: "sts:AssumeRoleWithWebIdentity", resource: "?", identity: "?", reason: login.problem });
            identity = undefined;
            continue;
          }
          identity = resolveIdentity(login, indexes.get(login.stack) as PlanIndex, where, findings);
          if (identity) {
            const subjects = oidcSubjects(workflow, job, repository);
            logins.push({ ...where, stack: login.stack, kind: login.kind, identity: identity.roleArn, subjects: "problem" in subjects ? [] : subjects });
            findings.push(...(await trustFindings(subjects, identity, where, step.name)));
          }
        }
        for (const access of step.cloudAccess ?? []) {
          const request = { ...where, step: step.name, action: access.action };
          if (!identity) {
            findings.push({ ...request, resource: describeTarget(access), identity: "no identity", reason: "has no AWS login before it (or its login failed)" });
            continue;
          }
          await evaluateAccess(identity, access, request, findings, allowed);
        }
      }
    }
  }
  return { findings, allowed, logins };
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

async function evaluateAccess(identity: Identity, access: CloudAccess, request: Omit<EvaluatedAccess, "resource" | "identity">, findings: PermissionFinding[], allowed: EvaluatedAccess[]): Promise<void> {
  const fail = (resource: string, reason: string) => findings.push({ ...request, resource, identity: identity.roleArn, reason });
  if (await takesNoResource(access.action)) {
    const decision = await decide(requestFor(identity, access.action, "*", undefined, {}));
    if (decision.decision === "allowed") allowed.push({ ...request, resource: "*", identity: identity.roleArn });
    else fail("*", why(decision));
    return;
  }
  const resolved = resolveTarget(identity.index, access);
  if ("problem" in resolved) return void fail(describeTarget(access), resolved.problem);
  if (access.action === kubernetesApiAccess) return void kubernetesAccess(identity, resolved.targets, request, findings, allowed);
  const suffix = resolved.suffix;
  // Several resources may share a name (a SageMaker model and its endpoint): the action's resource type decides.
  const decisions = await Promise.all(resolved.targets.map(async (target) => ({ target, decision: await decide(requestFor(identity, access.action, `${target.arn}${suffix}`, target, {})) })));
  const applicable = decisions.filter((d) => d.decision.decision !== "invalid");
  if (applicable.length === 0) return void fail(`${resolved.targets[0]!.arn}${suffix}`, why(decisions[0]!.decision));
  for (const { target, decision } of applicable) {
    const arn = `${target.arn}${suffix}`;
    if (decision.decision !== "allowed") {
      fail(arn, why(decision));
      continue;
    }
    allowed.push({ ...request, resource: arn, identity: identity.roleArn });
    for (const implied of impliedAccess(identity.index, access.action, target)) {
      const impliedDecision = await decide(requestFor(identity, implied.action, implied.target.arn, implied.target, implied.context));
      const impliedRequest = { ...request, action: `${implied.action} (needed by ${access.action} on ${arn})` };
      if (impliedDecision.decision === "allowed") allowed.push({ ...impliedRequest, resource: implied.target.arn, identity: identity.roleArn });
      else findings.push({ ...impliedRequest, resource: implied.target.arn, identity: identity.roleArn, reason: why(impliedDecision) });
    }
  }
}

/** Kubernetes API access on EKS is the cluster's access entries, not IAM: the role needs an entry with a policy. */
function kubernetesAccess(identity: Identity, clusters: readonly IndexedResource[], request: Omit<EvaluatedAccess, "resource" | "identity">, findings: PermissionFinding[], allowed: EvaluatedAccess[]): void {
  for (const cluster of clusters.filter((c) => c.resource.type === "aws:eks/cluster:Cluster")) {
    const name = cluster.resource.inputs["name"];
    const forRole = (type: string) => identity.index.ofType(type).filter((e) => e.resource.inputs["clusterName"] === name && e.resource.inputs["principalArn"] === identity.roleArn);
    const entry = forRole("aws:eks/accessEntry:AccessEntry");
    const policies = forRole("aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    if (entry.length > 0 && policies.length > 0) allowed.push({ ...request, resource: cluster.arn, identity: identity.roleArn });
    else findings.push({ ...request, resource: cluster.arn, identity: identity.roleArn, reason: "is denied: the cluster has no access entry with an access policy for the role" });
  }
}

function requestFor(identity: Identity, action: string, resource: string, target: IndexedResource | undefined, context: Record<string, string>) {
  const tags = Object.fromEntries(Object.entries(target?.tags ?? {}).map(([k, v]) => [`aws:ResourceTag/${k}`, v]));
  return {
    principal: identity.roleArn,
    action,
    resource,
    account: identity.index.account,
    identityPolicies: identity.role.policies,
    resourcePolicy: target ? identity.index.resourcePolicy(target) : undefined,
    context: { "aws:SecureTransport": "true", "aws:PrincipalArn": identity.roleArn, "aws:PrincipalAccount": identity.index.account, ...tags, ...context },
  };
}

/**
 * The plan's resources the entry's stack output names (`output`, then `key` inside a map output), of the
 * action's service. The identifier with its suffix may itself name a resource (`<endpoint>-config`); otherwise
 * the suffix follows the resource's ARN (`<bucket ARN>/index.html`).
 */
function resolveTarget(index: PlanIndex, access: CloudAccess): { targets: IndexedResource[]; suffix: string } | { problem: string } {
  const { output, key, suffix = "" } = access.resource;
  const outer = index.plan.outputs[output];
  const value = key === undefined ? outer : (outer as Record<string, unknown> | undefined)?.[key];
  const named = `${output}${key !== undefined ? `.${key}` : ""}`;
  if (typeof value !== "string") return { problem: `cannot be evaluated: the stack output ${named} is ${value === undefined ? "not exported" : "not a string"} in the ${index.plan.stack} plan` };
  const service = access.action.split(":")[0];
  const ofService = (identifier: string) => index.lookup(identifier).filter((r) => r.arn && (access.action === kubernetesApiAccess || r.arn.startsWith(`arn:aws:${service}:`)));
  const whole = suffix ? ofService(`${value}${suffix}`) : [];
  if (whole.length > 0) return { targets: whole, suffix: "" };
  const targets = ofService(value);
  return targets.length > 0 ? { targets, suffix } : { problem: `cannot be evaluated: "${value}" (${named}) names no ${service} resource in the ${index.plan.stack} plan` };
}

function describeTarget(access: CloudAccess): string {
  return `${access.resource.output}${access.resource.key !== undefined ? `.${access.resource.key}` : ""}${access.resource.suffix ?? ""}`;
}

function why(decision: Decision): string {
  switch (decision.decision) {
    case "allowed":
      return "is allowed";
    case "denied":
      return `is denied (${decision.result})`;
    case "invalid":
      return `cannot be evaluated (${decision.error})`;
  }
}
