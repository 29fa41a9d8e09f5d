import * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { DriverContext } from "../../capability.ts";
import { accountOf, type AccountSpec } from "../../spec/index.ts";
import { stableGuid } from "./stable-guid.ts";

/**
 * What creating and removing a review environment does to a dev workload's identity: read it (its client id for
 * the ServiceAccount) and add or remove a federated credential for the `pr-<n>` namespace. No built-in role is
 * that narrow (Managed Identity Contributor also deletes and re-creates identities), so the stack defines this one,
 * assignable only in its own resource group and assigned on each workload identity, never on the group.
 */
export const reviewFederationActions = [
  "Microsoft.ManagedIdentity/userAssignedIdentities/read",
  "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read",
  "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write",
  "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete",
] as const;

const roles = new WeakMap<AccountSpec, authorization.RoleDefinition>();

/** The stack's review federation role, defined once (by the first workload identity that needs it). */
export function reviewFederationRole(ctx: DriverContext): authorization.RoleDefinition {
  const existing = roles.get(ctx.account);
  if (existing) return existing;
  const { subscriptionId, resourceGroup } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
  const group = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
  const name = ctx.name("review-federation");
  const role = new authorization.RoleDefinition(name, {
    // A role definition is named by a GUID: derived from the stack's group and role name, it is the same on every run.
    roleDefinitionId: stableGuid(`${group}/${name}`),
    roleName: name,
    description: "Review environments: add and remove the federated credentials of pr-<n> namespaces on the dev workload identities",
    scope: group,
    assignableScopes: [group],
    permissions: [{ actions: [...reviewFederationActions], notActions: [], dataActions: [], notDataActions: [] }],
  }, { parent: ctx.parent });
  roles.set(ctx.account, role);
  return role;
}
