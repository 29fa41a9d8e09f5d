import type { OfflineAnswers } from "../../components/cloud-module.ts";
import type { PlanReport } from "../plan/model.ts";
import type { CloudAccess } from "../../workflows/model.ts";
import { CelUnsupported, celHolds, evaluateCel, type CelValue } from "./cel.ts";
import { identityValue, outputValue, type CheckedIdentity, type CloudChecker } from "./cloud-check.ts";
import { describeResource, type Outcome, type StepRequest } from "./evaluate-access.ts";
import { gcpRoles } from "./gcp-roles.ts";
import { GcpPlan, gcpTypes, iamTypeOf, permissionTarget, projectType, type GcpBinding } from "./gcp-plan.ts";
import type { CloudLogin, OidcToken } from "./job-identity.ts";
import { kubernetesSubjects } from "./kubernetes-rbac.ts";
import type { LocatedResource } from "./resource-index.ts";

const githubIssuer = "https://token.actions.githubusercontent.com";

/**
 * GCP: the `<kind>Identity` output names a workload identity pool provider (direct federation); a job's token may
 * use it when the provider is enabled, trusts GitHub's issuer and the token's audience, and its
 * `attributeCondition` holds for the token's claims. The job then acts as the pool's principals its mapped
 * attributes select, and a permission is granted iff an IAM member or binding of the plan gives one of them a
 * role holding it (gcp-roles.ts, or the plan's own custom role) on that resource or its project, under a
 * condition that holds.
 */
export function gcpChecker(plan: PlanReport, offline: OfflineAnswers): CloudChecker {
  const gcp = new GcpPlan(plan, offline);
  return {
    plan,
    loginAction: "workload identity federation",
    identity(login) {
      const named = identityValue(plan, login);
      if ("reason" in named) return named;
      const { output, value } = named;
      const provider = gcp.index.lookup(value, (r) => r.resource.type === gcpTypes.provider)[0];
      if (!provider) return { resource: value, identity: login.variable, reason: `cannot be used: ${output} of ${login.stack} names no workload identity pool provider in the plan` };
      return gcpIdentity(gcp, login, provider);
    },
  };
}

function gcpIdentity(gcp: GcpPlan, login: CloudLogin, provider: LocatedResource): CheckedIdentity {
  const pool = gcp.poolPath(String(provider.resource.inputs["workloadIdentityPoolId"]));
  const poolSet = `principalSet://iam.googleapis.com/${pool}/*`;
  // With `service_account`, google-github-actions/auth exchanges the federated token for the account's: the job
  // acts as the account, which its federated principals must be allowed to impersonate.
  const impersonated = typeof login.with["service_account"] === "string" ? login.with["service_account"] : undefined;
  const name = impersonated ? `serviceAccount:${impersonated}` : poolSet;
  // What the job's tokens all are members as; refined by `trust` from the mapped attributes.
  let principals: readonly string[] = impersonated ? [] : [poolSet];
  return {
    login,
    name,
    resource: provider.fullName,
    async trust(tokens) {
      const { reasons, members } = providerTrust(gcp, login, provider, pool, tokens);
      if (!impersonated || reasons.length > 0) {
        principals = impersonated ? [] : members;
        return reasons;
      }
      const account = gcp.index.lookup(impersonated, (r) => r.resource.type === gcpTypes.serviceAccount)[0];
      const refused = !account ? `cannot be used: the service account ${impersonated} is not in the plan` : permissionDenied(gcp, members, `${poolSet} (or the token's subject or attributes)`, "iam.serviceAccounts.getAccessToken", account);
      principals = refused ? [] : [name];
      return refused ? [refused] : [];
    },
    async evaluate(access, request) {
      return evaluateGcp(gcp, principals, name, access, request);
    },
  };
}

function providerTrust(gcp: GcpPlan, login: CloudLogin, provider: LocatedResource, pool: string, tokens: readonly OidcToken[]): { reasons: string[]; members: string[] } {
  const inputs = provider.resource.inputs;
  const poolResource = gcp.index.ofType(gcpTypes.pool).find((p) => p.fullName === pool);
  const oidc = (inputs["oidc"] ?? {}) as { issuerUri?: string; allowedAudiences?: string[] };
  const audience = typeof login.with["audience"] === "string" ? login.with["audience"] : `https://iam.googleapis.com/${provider.fullName}`;
  const accepted = oidc.allowedAudiences?.length ? oidc.allowedAudiences : [`https://iam.googleapis.com/${provider.fullName}`, `//iam.googleapis.com/${provider.fullName}`];
  const refusal =
    inputs["disabled"] === true ? "is denied: the provider is disabled"
    : !poolResource ? `is denied: the plan has no workload identity pool ${pool}`
    : poolResource.resource.inputs["disabled"] === true ? "is denied: the pool is disabled"
    : oidc.issuerUri !== githubIssuer ? `is denied: the provider's issuer is ${JSON.stringify(oidc.issuerUri)}, not ${githubIssuer}`
    : !accepted.includes(audience) ? `is denied: the provider does not accept the audience ${audience}`
    : typeof inputs["attributeCondition"] !== "string" ? "is denied: the provider has no attributeCondition, so any repository's token would do"
    : undefined;
  if (refusal) return { reasons: [refusal], members: [] };
  const condition = inputs["attributeCondition"] as string;
  const mapping = (inputs["attributeMapping"] ?? {}) as Record<string, string>;
  const reasons: string[] = [];
  let members: Set<string> | undefined;
  for (const token of tokens) {
    try {
      const assertion = token as unknown as Record<string, CelValue>;
      const mapped = Object.entries(mapping).flatMap(([key, expression]) => {
        const value = evaluateCel(expression, { assertion });
        return value === undefined ? [] : [[key, value] as const];
      });
      const google = Object.fromEntries(mapped.filter(([k]) => k.startsWith("google.")).map(([k, v]) => [k.slice("google.".length), v]));
      const attribute = Object.fromEntries(mapped.filter(([k]) => k.startsWith("attribute.")).map(([k, v]) => [k.slice("attribute.".length), v]));
      if (typeof google["subject"] !== "string") {
        reasons.push(`is denied: the attributeMapping gives the ${token.event_name} token with subject ${token.sub} no google.subject`);
        continue;
      }
      if (!celHolds(condition, { assertion, attribute, google })) {
        reasons.push(`is denied: the attributeCondition does not hold for the ${token.event_name} token with subject ${token.sub}`);
        continue;
      }
      const own = [`principalSet://iam.googleapis.com/${pool}/*`, `principal://iam.googleapis.com/${pool}/subject/${google["subject"]}`, ...Object.entries(attribute).map(([k, v]) => `principalSet://iam.googleapis.com/${pool}/attribute.${k}/${String(v)}`)];
      members = new Set(members ? own.filter((m) => members!.has(m)) : own);
    } catch (error) {
      if (!(error instanceof CelUnsupported)) throw error;
      reasons.push(`cannot be evaluated: ${error.message}`);
    }
  }
  return { reasons, members: [...(members ?? [])] };
}

async function evaluateGcp(gcp: GcpPlan, principals: readonly string[], name: string, access: CloudAccess, request: StepRequest): Promise<{ outcomes: Outcome[]; unevaluated: boolean }> {
  const outcome = (resource: string, reason?: string, action = request.action): Outcome => ({ ...request, action, resource, identity: name, ...(reason ? { reason } : {}) });
  if (access.resource === "pulumi-state") return { outcomes: [], unevaluated: true };
  if (access.resource === "*") return { outcomes: [outcome("*", "cannot be evaluated: GCP permissions are granted on a resource, and the entry names none")], unevaluated: false };
  const target = permissionTarget(request.action);
  const found = outputValue(gcp.index.plan, access.resource);
  if ("problem" in found) return { outcomes: [outcome(describeResource(access), found.problem)], unevaluated: false };
  if (!target) return { outcomes: [outcome(found.value, `cannot be evaluated: the check knows no GCP resource type for ${request.action}`)], unevaluated: false };
  const targets = target.type === projectType ? projectTarget(gcp, found.value) : gcp.index.lookup(found.value, (r) => r.resource.type === target.type);
  if (targets.length === 0) return { outcomes: [outcome(found.value, `cannot be evaluated: "${found.value}" (${found.named}) names no ${target.type} in the ${gcp.index.plan.stack} plan`)], unevaluated: false };
  const outcomes: Outcome[] = [];
  for (const t of targets) {
    const resource = `${t.fullName}${access.resource.suffix ?? ""}`;
    const reason = permissionDenied(gcp, principals, name.startsWith("serviceAccount:") ? name : `${name} (or the token's subject or attributes)`, request.action, t);
    outcomes.push(outcome(resource, reason));
    // Reaching the cluster: GKE then authorizes the Kubernetes API by the cluster's RBAC.
    if (!reason && t.resource.type === gcpTypes.cluster && request.action === "container.clusters.get") {
      const bound = kubernetesSubjects(gcp.index).some((s) => principals.includes(s.name));
      outcomes.push(outcome(t.fullName, bound ? undefined : `is denied: no RoleBinding or ClusterRoleBinding of the plan names ${principals.join(" or ")}`, `Kubernetes API (needed by container.clusters.get on ${t.fullName})`));
    }
  }
  return { outcomes, unevaluated: false };
}

/** The stack's own project, when the value names it: only project bindings apply to it. */
function projectTarget(gcp: GcpPlan, value: string): LocatedResource[] {
  if (value !== gcp.project && value !== `projects/${gcp.project}`) return [];
  return [{ resource: { type: projectType, name: gcp.project, inputs: {} } as unknown as LocatedResource["resource"], id: gcp.project, computed: {}, fullName: `projects/${gcp.project}` }];
}

/** Why none of the principals holds the permission on the resource (undefined: one does). */
export function permissionDenied(gcp: GcpPlan, principals: readonly string[], who: string, permission: string, target: LocatedResource): string | undefined {
  const held = gcp.bindings.filter((b) => b.members.some((m) => principals.includes(m)) && gcp.bindingApplies(b, target) && rolePermissions(gcp, b.role).includes(permission));
  const unmet: string[] = [];
  for (const binding of held) {
    const holds = conditionHolds(binding, target);
    if (holds === true) return undefined;
    unmet.push(holds === false ? `the condition of ${binding.resource.name} does not hold` : holds);
  }
  const base = `is denied: no binding in the plan grants ${who} a role with ${permission} on ${target.fullName} or its project`;
  return unmet.length > 0 ? `${base} (${unmet.join("; ")})` : base;
}

function conditionHolds(binding: GcpBinding, target: LocatedResource): boolean | string {
  if (!binding.condition) return true;
  const type = iamTypeOf(target.resource.type) ?? "";
  try {
    return celHolds(binding.condition.expression, { resource: { name: target.fullName, type, service: type.split("/")[0] ?? "" } });
  } catch (error) {
    if (!(error instanceof CelUnsupported)) throw error;
    return `the condition of ${binding.resource.name} cannot be evaluated: ${error.message}`;
  }
}

/** A role's permissions: the plan's custom role, or the predefined role's entry in gcp-roles.ts (none for a role the table does not list). */
export function rolePermissions(gcp: GcpPlan, role: string): readonly string[] {
  if (role.startsWith("projects/") || role.startsWith("organizations/")) return gcp.customRole(role)?.permissions ?? [];
  return gcpRoles.find((r) => r.role === role)?.grants ?? [];
}
