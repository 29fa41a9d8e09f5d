import type { PlanReport } from "../plan/model.ts";
import { azureRoles } from "./azure-roles.ts";
import { AzurePlan, azureTypes } from "./azure-plan.ts";
import { cloudOffline, type OfflineFor } from "./checkers.ts";
import { gcpRoles } from "./gcp-roles.ts";
import { GcpPlan, gcpTypes } from "./gcp-plan.ts";
import type { RoleEntry } from "./role-table.ts";

/** A role a plan gives one of its CI identities: by the table's name (`custom:<id or name>` for the plan's own roles). */
export interface CiRoleBinding {
  readonly stack: string;
  readonly kind: string;
  readonly role: string;
  /** The binding or role assignment resource. */
  readonly by: string;
}

const kinds = ["deploy", "publish", "preview", "review"] as const;

/**
 * Every role a GCP or Azure plan binds to the CI identities its `<kind>Identity` outputs name: on GCP the IAM
 * members and bindings naming the identity's pool (its principal set, subjects or attributes), on Azure the role
 * assignments to the identity's principal id.
 */
export async function ciRoleBindings(plan: PlanReport, offline: OfflineFor = cloudOffline): Promise<CiRoleBinding[]> {
  const present = kinds.filter((k) => typeof plan.outputs[`${k}Identity`] === "string");
  if (plan.cloud === "gcp") {
    const gcp = new GcpPlan(plan, await offline(plan));
    return present.flatMap((kind) => {
      const provider = gcp.index.lookup(String(plan.outputs[`${kind}Identity`]), (r) => r.resource.type === gcpTypes.provider)[0];
      if (!provider) return [];
      const pool = gcp.poolPath(String(provider.resource.inputs["workloadIdentityPoolId"]));
      const ofPool = (m: string) => m.startsWith(`principalSet://iam.googleapis.com/${pool}/`) || m.startsWith(`principal://iam.googleapis.com/${pool}/`);
      return gcp.bindings
        .filter((b) => b.members.some(ofPool))
        .map((b) => {
          const custom = gcp.customRole(b.role);
          return { stack: plan.stack, kind, role: b.role.startsWith("roles/") ? b.role : custom ? customName(gcpRoles, custom.roleId, custom.permissions) : b.role, by: b.resource.name };
        });
    });
  }
  if (plan.cloud === "azure") {
    const azure = new AzurePlan(plan, await offline(plan));
    return present.flatMap((kind) => {
      const value = String(plan.outputs[`${kind}Identity`]).toLowerCase();
      const identity = azure.index.ofType(azureTypes.identity).find((i) => azure.identityIds(i).clientId?.toLowerCase() === value);
      const principal = identity ? azure.identityIds(identity).principalId?.toLowerCase() : undefined;
      if (!principal) return [];
      return azure.index
        .ofType(azureTypes.roleAssignment)
        .filter((a) => String(a.resource.inputs["principalId"]).toLowerCase() === principal)
        .map((a) => {
          const definition = String(a.resource.inputs["roleDefinitionId"] ?? "");
          const guid = definition.split("/").pop()?.toLowerCase() ?? "";
          const builtIn = azureRoles.find((r) => r.id === guid);
          const custom = azure.index.ofType(azureTypes.roleDefinition).find((d) => String(d.resource.inputs["roleDefinitionId"] ?? "").toLowerCase() === guid || d.fullName.toLowerCase() === definition.toLowerCase());
          const actions = ((custom?.resource.inputs["permissions"] ?? []) as { actions?: string[]; dataActions?: string[] }[]).flatMap((p) => [...(p.actions ?? []), ...(p.dataActions ?? [])]);
          return { stack: plan.stack, kind, role: builtIn?.role ?? (custom ? customName(azureRoles, String(custom.resource.inputs["roleName"] ?? custom.resource.name), actions) : guid), by: a.resource.name };
        });
    });
  }
  return [];
}

/**
 * A custom role of the plan by the table's name for it: the table's custom entry granting exactly the same
 * permissions (drivers name their custom roles per stack), else `custom:<its own name>`.
 */
function customName(table: readonly RoleEntry[], own: string, permissions: readonly string[]): string {
  const same = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.some((y) => y.toLowerCase() === x.toLowerCase()));
  return table.find((r) => r.role.startsWith("custom:") && same([...r.grants, ...(r.dataGrants ?? [])], permissions))?.role ?? `custom:${own}`;
}

/** Each binding the table does not allow: a role it does not list, or lists for other identities. */
export function unlistedBindings(table: readonly RoleEntry[], bindings: readonly CiRoleBinding[]): string[] {
  return bindings.flatMap((b) => {
    const entry = table.find((r) => r.role === b.role);
    if (!entry) return [`${b.stack}: ${b.by} binds ${b.role} to the ${b.kind} identity, a role the table does not list`];
    if (!entry.grantTo?.includes(b.kind as never)) return [`${b.stack}: ${b.by} binds ${b.role} to the ${b.kind} identity, which the table binds to ${entry.grantTo?.join(", ") || "no identity"}`];
    return [];
  });
}

/** The table's roles a driver binds to some identity, as `<kind> <role>` pairs: what the plans together must bind exactly. */
export function tablePairs(table: readonly RoleEntry[]): string[] {
  return table.filter((r) => !r.outsideStack).flatMap((r) => (r.grantTo ?? []).map((k) => `${k} ${r.role}`)).sort();
}
