import type { OfflineAnswers } from "../../components/cloud-module.ts";
import type { PlanReport } from "../plan/model.ts";
import type { CloudAccess } from "../../workflows/model.ts";
import { azureTokenAudience } from "../../workflows/steps.ts";
import { azureRoles } from "./azure-roles.ts";
import { AzurePlan, actionTargets, azureTypes, scopeContains } from "./azure-plan.ts";
import { identityValue, outputValue, wildcardMatch, type CheckedIdentity, type CloudChecker } from "./cloud-check.ts";
import { describeResource, type Outcome, type StepRequest } from "./evaluate-access.ts";
import type { CloudLogin, OidcToken } from "./job-identity.ts";
import { kubernetesSubjects } from "./kubernetes-rbac.ts";
import type { LocatedResource } from "./resource-index.ts";
import { roleGrants } from "./role-table.ts";

const githubIssuer = "https://token.actions.githubusercontent.com";
/** What the Kubernetes API access of a CI identity is checked as: every Azure RBAC for Kubernetes role holds it. */
const kubernetesRead = "Microsoft.ContainerService/managedClusters/namespaces/read";

/**
 * Azure: the `<kind>Identity` output is a user-assigned identity's client id; a job's token may log in as it when
 * one of its federated credentials has GitHub's issuer, exactly the token's subject and the login's audience. An
 * action or data action is granted iff a role assignment of the plan for the identity's principal id, at a scope
 * containing the resource's ARM id, has a role (azure-roles.ts by its definition GUID, or the plan's own role
 * definition) whose actions or data actions match it after its notActions.
 */
export function azureChecker(plan: PlanReport, offline: OfflineAnswers): CloudChecker {
  const azure = new AzurePlan(plan, offline);
  return {
    plan,
    loginAction: "federated identity credential",
    identity(login) {
      const named = identityValue(plan, login);
      if ("reason" in named) return named;
      const { output, value } = named;
      const identity = azure.index.ofType(azureTypes.identity).find((i) => azure.identityIds(i).clientId?.toLowerCase() === value.toLowerCase());
      if (!identity) return { resource: value, identity: login.variable, reason: `cannot be used: ${output} of ${login.stack} is the client id of no user-assigned identity in the plan` };
      const { principalId } = azure.identityIds(identity);
      if (!principalId) return { resource: identity.fullName, identity: login.variable, reason: "cannot be evaluated: the plan gives the identity no principal id" };
      return azureIdentity(azure, login, identity, principalId);
    },
  };
}

function azureIdentity(azure: AzurePlan, login: CloudLogin, identity: LocatedResource, principalId: string): CheckedIdentity {
  return {
    login,
    name: identity.fullName,
    resource: identity.fullName,
    trust: async (tokens) => federatedTrust(azure, login, identity, tokens),
    evaluate: async (access, request) => evaluateAzure(azure, identity.fullName, principalId, access, request),
  };
}

function federatedTrust(azure: AzurePlan, login: CloudLogin, identity: LocatedResource, tokens: readonly OidcToken[]): string[] {
  const name = String(identity.resource.inputs["resourceName"] ?? identity.resource.name).toLowerCase();
  const credentials = azure.index.ofType(azureTypes.federatedCredential).filter((c) => String(c.resource.inputs["resourceName"]).toLowerCase() === name);
  const audience = typeof login.with["audience"] === "string" ? login.with["audience"] : azureTokenAudience;
  const reasons: string[] = [];
  for (const sub of new Set(tokens.map((t) => t.sub))) {
    const matching = credentials.filter((c) => {
      const i = c.resource.inputs;
      return i["issuer"] === githubIssuer && i["subject"] === sub && ((i["audiences"] ?? []) as unknown[]).includes(audience);
    });
    const flexible = credentials.filter((c) => c.resource.inputs["claimsMatchingExpression"] !== undefined);
    if (matching.length > 0) continue;
    reasons.push(
      flexible.length > 0
        ? `cannot be evaluated: the federated credential ${flexible[0]!.resource.name} matches claims by an expression, which the check does not evaluate`
        : `is denied: no federated credential of the identity has issuer ${githubIssuer}, subject ${sub} and audience ${audience}`,
    );
  }
  return reasons;
}

async function evaluateAzure(azure: AzurePlan, name: string, principalId: string, access: CloudAccess, request: StepRequest): Promise<{ outcomes: Outcome[]; unevaluated: boolean }> {
  const outcome = (resource: string, reason?: string, action = request.action): Outcome => ({ ...request, action, resource, identity: name, ...(reason ? { reason } : {}) });
  if (access.resource === "pulumi-state") return { outcomes: [], unevaluated: true };
  if (access.resource === "*") return { outcomes: [outcome("*", "cannot be evaluated: Azure actions are granted at a scope, and the entry names none")], unevaluated: false };
  const found = outputValue(azure.index.plan, access.resource);
  if ("problem" in found) return { outcomes: [outcome(describeResource(access), found.problem)], unevaluated: false };
  const types = actionTargets(request.action);
  const byId = types.map((type) => azure.index.lookup(found.value, (r) => r.resource.type === type)).find((t) => t.length > 0) ?? [];
  // A user-assigned identity is also named by its principal or client id (`workloadRoles` holds principal ids).
  const targets = byId.length > 0 || !types.includes(azureTypes.identity) ? byId : azure.index.ofType(azureTypes.identity).filter((i) => Object.values(azure.identityIds(i)).some((id) => id?.toLowerCase() === found.value.toLowerCase()));
  if (targets.length === 0) return { outcomes: [outcome(found.value, `cannot be evaluated: "${found.value}" (${found.named}) names no ${types.join(" or ") || "resource the check knows for this action"} in the ${azure.index.plan.stack} plan`)], unevaluated: false };
  const outcomes: Outcome[] = [];
  for (const t of targets) {
    const resource = `${t.fullName}${access.resource.suffix ?? ""}`;
    const reason = actionDenied(azure, principalId, request.action, resource);
    outcomes.push(outcome(resource, reason));
    // The kubeconfig's kubelogin token then meets the cluster's own authorization: Azure RBAC for Kubernetes or RBAC bindings.
    if (!reason && t.resource.type === azureTypes.cluster && /\/listClusterUserCredential\/action$/i.test(request.action)) {
      outcomes.push(outcome(t.fullName, kubernetesDenied(azure, principalId, t.fullName), `Kubernetes API (needed by ${request.action} on ${t.fullName})`));
    }
  }
  return { outcomes, unevaluated: false };
}

/** The roles the principal is assigned at scopes accepted by `at`, with what each grants. */
function assignments(azure: AzurePlan, principalId: string, at: (scope: string) => boolean): { name: string; grants: (action: string) => boolean; condition?: string }[] {
  return azure.index
    .ofType(azureTypes.roleAssignment)
    .filter((a) => String(a.resource.inputs["principalId"]).toLowerCase() === principalId.toLowerCase() && at(String(a.resource.inputs["scope"] ?? "")))
    .map((a) => {
      const definition = String(a.resource.inputs["roleDefinitionId"] ?? "");
      const condition = a.resource.inputs["condition"];
      return { name: a.resource.name, grants: roleDefinition(azure, definition), ...(typeof condition === "string" ? { condition } : {}) };
    });
}

/** What a role definition id grants: a built-in role of azure-roles.ts by its GUID, or the plan's own role definition. */
function roleDefinition(azure: AzurePlan, definitionId: string): (action: string) => boolean {
  const guid = definitionId.split("/").pop()?.toLowerCase() ?? "";
  const builtIn = azureRoles.find((r) => r.id?.toLowerCase() === guid);
  if (builtIn) return (action) => roleGrants(builtIn, action);
  const custom = azure.index.lookup(definitionId, (r) => r.resource.type === azureTypes.roleDefinition)[0] ?? azure.index.ofType(azureTypes.roleDefinition).find((d) => String(d.resource.inputs["roleDefinitionId"] ?? "").toLowerCase() === guid);
  if (!custom) return () => false;
  const permissions = (custom.resource.inputs["permissions"] ?? []) as { actions?: string[]; notActions?: string[]; dataActions?: string[]; notDataActions?: string[] }[];
  const any = (patterns: readonly string[] | undefined, action: string) => (patterns ?? []).some((p) => wildcardMatch(p, action));
  return (action) => permissions.some((p) => (any(p.actions, action) && !any(p.notActions, action)) || (any(p.dataActions, action) && !any(p.notDataActions, action)));
}

/** Why the principal may not perform the action on the resource (undefined: a role assignment lets it). */
export function actionDenied(azure: AzurePlan, principalId: string, action: string, resource: string): string | undefined {
  const granting = assignments(azure, principalId, (scope) => scopeContains(scope, resource)).filter((a) => a.grants(action));
  if (granting.some((a) => a.condition === undefined)) return undefined;
  const base = `is denied: no role assignment in the plan gives ${principalId} a role with ${action} at a scope containing ${resource}`;
  return granting.length > 0 ? `cannot be evaluated: the role assignment ${granting[0]!.name} has a condition, which the check does not evaluate (${base.slice("is denied: ".length)} without one)` : base;
}

function kubernetesDenied(azure: AzurePlan, principalId: string, cluster: string): string | undefined {
  // A namespace's assignment (`<cluster id>/namespaces/<ns>`) is within the cluster; the cluster's or an ancestor's contains it.
  const roles = assignments(azure, principalId, (scope) => scopeContains(scope, cluster) || scopeContains(cluster, scope)).filter((a) => a.condition === undefined && a.grants(kubernetesRead));
  if (roles.length > 0) return undefined;
  if (kubernetesSubjects(azure.index).some((s) => s.name.toLowerCase() === principalId.toLowerCase())) return undefined;
  return `is denied: no Azure RBAC for Kubernetes role assignment on the cluster or its namespaces, and no RoleBinding or ClusterRoleBinding, names ${principalId}`;
}
