import type * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { DriverContext } from "../../capability.ts";
import { accountOf } from "../../spec/index.ts";

/**
 * The built-in roles the Azure drivers assign, by name, with their role definition ids (the same GUID in every
 * subscription). Source: https://learn.microsoft.com/azure/role-based-access-control/built-in-roles. What each
 * grants a CI identity is lib/permissions/azure-roles.ts.
 */
export const builtInRoles = {
  AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
  AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  "Key Vault Crypto User": "12338af0-0e69-4776-bea7-57ae8d297424",
  "Key Vault Crypto Service Encryption User": "e147488a-f6f5-4113-8e2d-b22465e65bf6",
  "Azure Kubernetes Service Cluster User Role": "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
  "Azure Kubernetes Service RBAC Reader": "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
  "Azure Kubernetes Service RBAC Writer": "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb",
  "Azure Kubernetes Service RBAC Admin": "3498e952-d568-435e-9b2c-8d77e338d7f7",
  "Network Contributor": "4d97b98b-1d4f-4787-a291-c67834d212e7",
  "Managed Identity Operator": "f1a07417-d97a-45cb-824c-7a7467783830",
  "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
} as const;

export type BuiltInRole = keyof typeof builtInRoles;

export interface RoleAssignmentArgs {
  /** The ARM id of the resource the role applies to: never the subscription, never the resource group. */
  readonly scope: pulumi.Input<string>;
  readonly role: BuiltInRole;
  readonly principalId: pulumi.Input<string>;
  /** `ServicePrincipal` for managed identities (so the assignment does not wait on directory replication), `Group` for teams. */
  readonly principalType: "ServicePrincipal" | "Group";
}

/** A role assignment of a built-in role to one principal on one resource. */
export function roleAssignment(ctx: DriverContext, suffix: string, args: RoleAssignmentArgs, opts: pulumi.CustomResourceOptions = {}): authorization.RoleAssignment {
  const { subscriptionId } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
  return new authorization.RoleAssignment(ctx.name(suffix), {
    scope: args.scope,
    roleDefinitionId: `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles[args.role]}`,
    principalId: args.principalId,
    principalType: args.principalType,
    description: `${args.role}: ${ctx.name(suffix)}`,
  }, { parent: ctx.parent, ...opts });
}

/** The ARM id of a resource in the stack's resource group, for scopes built before the resource's own output exists. */
export function stackResourceId(ctx: DriverContext, provider: string, path: string): string {
  const { subscriptionId, resourceGroup } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
  return `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${provider}/${path}`;
}
