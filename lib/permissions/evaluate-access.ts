import type { CloudAccess } from "../../workflows/model.ts";
import { outputValue } from "./cloud-check.ts";
import { impliedAccess } from "./implied-access.ts";
import type { CloudLogin } from "./job-identity.ts";
import type { IndexedResource, PlanIndex, RolePolicies } from "./plan-index.ts";
import { decide, takesNoResource, type AccessRequest, type Decision } from "./simulate.ts";

/** The identity a job runs as: its login, the plan it comes from, and the role there. */
export interface Identity {
  readonly login: CloudLogin;
  readonly index: PlanIndex;
  readonly roleArn: string;
  readonly role: RolePolicies;
}

/** Where a request comes from, and what it is: the unit findings and allowed requests are reported in. */
export interface StepRequest {
  readonly workflow: string;
  readonly job: string;
  readonly step: string;
  readonly action: string;
}

export interface Outcome extends StepRequest {
  readonly resource: string;
  readonly identity: string;
  /** Absent: allowed. */
  readonly reason?: string;
}

/**
 * One declared entry: `*` for actions that take no resource, a stack output's resource otherwise (the action's
 * resource type picks among resources sharing a name), then everything the action brings with it. Entries on
 * the Pulumi state backend are outside the plan: they come back as `unevaluated`.
 */
export async function evaluateAccess(identity: Identity, access: CloudAccess, request: StepRequest): Promise<{ outcomes: Outcome[]; unevaluated: boolean }> {
  const outcome = (resource: string, decision: Decision | string, action = request.action): Outcome => ({
    ...request,
    action,
    resource,
    identity: identity.roleArn,
    ...(typeof decision === "string" ? { reason: decision } : decision.decision === "allowed" ? {} : { reason: why(decision) }),
  });
  if (access.resource === "pulumi-state") return { outcomes: [], unevaluated: true };
  if (access.resource === "*" || (await takesNoResource(access.action))) {
    return { outcomes: [outcome("*", await decide(requestFor(identity, access.action, "*", undefined, {})))], unevaluated: false };
  }
  const resolved = resolveTarget(identity.index, access.action, access.resource);
  if ("problem" in resolved) return { outcomes: [outcome(describeResource(access), resolved.problem)], unevaluated: false };
  const tried = await Promise.all(resolved.targets.map(async (target) => ({ target, decision: await decide(requestFor(identity, access.action, `${target.arn}${resolved.suffix}`, target, {})) })));
  const applicable = tried.filter((t) => t.decision.decision !== "invalid");
  if (applicable.length === 0) return { outcomes: [outcome(`${tried[0]!.target.arn}${resolved.suffix}`, tried[0]!.decision)], unevaluated: false };
  const outcomes: Outcome[] = [];
  for (const { target, decision } of applicable) {
    outcomes.push(outcome(`${target.arn}${resolved.suffix}`, decision));
    if (decision.decision === "allowed") outcomes.push(...(await implied(identity, request, access.action, target, `${target.arn}${resolved.suffix}`)));
  }
  return { outcomes, unevaluated: false };
}

/** The requests an allowed action brings with it, and theirs in turn, named `<action> (needed by <action> on <arn>)`. */
async function implied(identity: Identity, request: StepRequest, action: string, target: IndexedResource, arn: string): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const need of impliedAccess(identity.index, action, target)) {
    const base = { ...request, identity: identity.roleArn };
    if (need.kind === "kubernetes") {
      outcomes.push({ ...base, action: `Kubernetes API (needed by ${action} on ${arn})`, resource: need.cluster.arn, ...kubernetesAccess(identity, need.cluster) });
      continue;
    }
    const decision = await decide(requestFor(identity, need.action, need.target.arn, need.target, need.context));
    outcomes.push({ ...base, action: `${need.action} (needed by ${action} on ${arn})`, resource: need.target.arn, ...(decision.decision === "allowed" ? {} : { reason: why(decision) }) });
    if (decision.decision === "allowed") outcomes.push(...(await implied(identity, request, need.action, need.target, need.target.arn)));
  }
  return outcomes;
}

/** On EKS the Kubernetes API authorizes through the cluster's access entries, not IAM: an entry and an access policy. */
function kubernetesAccess(identity: Identity, cluster: IndexedResource): { reason?: string } {
  const name = cluster.resource.inputs["name"];
  const forRole = (type: string) => identity.index.ofType(type).filter((e) => e.resource.inputs["clusterName"] === name && e.resource.inputs["principalArn"] === identity.roleArn);
  const policies = forRole("aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
  if (forRole("aws:eks/accessEntry:AccessEntry").length > 0 && policies.length > 0) return {};
  return { reason: "is denied: the cluster has no access entry with an access policy for the role" };
}

function requestFor(identity: Identity, action: string, resource: string, target: IndexedResource | undefined, context: Record<string, string>): AccessRequest {
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

type OutputResource = Exclude<CloudAccess["resource"], string>;

/**
 * The plan's resources the entry's stack output names (`output`, then `key` inside a map output), of the
 * action's service. The identifier with its suffix may itself name a resource (`<endpoint>-config`); otherwise
 * the suffix follows the resource's ARN (`<bucket ARN>/index.html`).
 */
function resolveTarget(index: PlanIndex, action: string, resource: OutputResource): { targets: IndexedResource[]; suffix: string } | { problem: string } {
  const { suffix = "" } = resource;
  const found = outputValue(index.plan, resource);
  if ("problem" in found) return found;
  const { value, named } = found;
  const service = action.split(":")[0];
  const ofService = (identifier: string) => index.lookup(identifier).filter((r) => r.arn.startsWith(`arn:aws:${service}:`));
  const whole = suffix ? ofService(`${value}${suffix}`) : [];
  if (whole.length > 0) return { targets: whole, suffix: "" };
  const targets = ofService(value);
  return targets.length > 0 ? { targets, suffix } : { problem: `cannot be evaluated: "${value}" (${named}) names no ${service} resource in the ${index.plan.stack} plan` };
}

export function describeResource(access: CloudAccess): string {
  if (typeof access.resource === "string") return access.resource;
  const { output, key, suffix } = access.resource;
  return `${output}${key !== undefined ? `.${key}` : ""}${suffix ?? ""}`;
}

export function why(decision: Decision): string {
  switch (decision.decision) {
    case "allowed":
      return "is allowed";
    case "denied":
      return `is denied (${decision.result})`;
    case "invalid":
      return `cannot be evaluated (${decision.error})`;
  }
}
