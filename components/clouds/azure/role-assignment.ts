import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { DriverContext } from "../../capability.ts";
import { accountOf } from "../../spec/index.ts";
import { stableGuid } from "./arm-id.ts";

/**
 * The built-in roles the Azure drivers assign, by the GUID Azure gives them (the same in every tenant; source:
 * https://learn.microsoft.com/azure/role-based-access-control/built-in-roles). lib/permissions/azure-roles.ts
 * maps the CI identities' roles to their actions.
 */
export const builtInRoles = {
  "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  "Key Vault Crypto Service Encryption User": "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
  AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
} as const;
export type BuiltInRole = keyof typeof builtInRoles;

/** `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`: how an assignment names its role. */
export function roleDefinitionId(ctx: DriverContext, role: BuiltInRole): string {
  const { subscriptionId } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles[role]}`;
}

export interface RoleAssignmentArgs {
  readonly principalId: pulumi.Input<string>;
  /** A built-in role's name, or a role definition's id (a custom role this stack defines). */
  readonly role: BuiltInRole | pulumi.Input<string>;
  /** The resource granted: never the subscription or the resource group where the resource has an id. */
  readonly scope: pulumi.Input<string>;
  readonly description: string;
}

/**
 * One role assignment to a managed identity (`ServicePrincipal`, so ARM does not look the principal up in the
 * directory first, which fails for an identity created moments before), named by a GUID derived from the
 * assignment's logical name so replanning keeps it.
 */
export function roleAssignment(ctx: DriverContext, suffix: string, args: RoleAssignmentArgs, opts: pulumi.CustomResourceOptions = {}): authorization.RoleAssignment {
  const name = ctx.name(suffix);
  const role = typeof args.role === "string" && args.role in builtInRoles ? roleDefinitionId(ctx, args.role as BuiltInRole) : args.role;
  return new authorization.RoleAssignment(name, {
    roleAssignmentName: stableGuid(name),
    principalId: args.principalId,
    principalType: "ServicePrincipal",
    roleDefinitionId: role,
    scope: args.scope,
    description: args.description,
  }, { parent: ctx.parent, ...opts });
}
