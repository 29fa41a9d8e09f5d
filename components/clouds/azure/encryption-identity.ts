import type * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import type * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { DriverContext } from "../../capability.ts";
import { resourceGroupOf } from "./resource-group.ts";
import { roleAssignment } from "./role-assignment.ts";
import type { VaultKey } from "./key-vault-key.ts";

export interface EncryptionIdentity {
  readonly identity: managedidentity.UserAssignedIdentity;
  /** Key Vault Crypto Service Encryption User on the one key (get, wrap, unwrap): nothing else in the vault. */
  readonly keyAccess: authorization.RoleAssignment;
}

/**
 * The user-assigned identity a service encrypts with its customer-managed key as. User-assigned, not the
 * service's system identity: it exists (and holds its role on the key) before the service is created, which
 * Flexible Server and storage require of a key given at creation. Resources that encrypt depend on `keyAccess`.
 */
export function encryptionIdentity(ctx: DriverContext, suffix: string, key: VaultKey): EncryptionIdentity {
  const identity = new managedidentity.UserAssignedIdentity(ctx.name(`${suffix}-cmk`), {
    resourceName: ctx.name(`${suffix}-cmk`),
    resourceGroupName: resourceGroupOf(ctx),
    location: ctx.region,
  }, { parent: ctx.parent });
  const keyAccess = roleAssignment(ctx, `${suffix}-cmk-key`, {
    principalId: identity.principalId,
    role: "Key Vault Crypto Service Encryption User",
    scope: key.keyResourceId,
    description: `${ctx.name(suffix)} encrypts its data with this key`,
  });
  return { identity, keyAccess };
}

/** Waits for the identity's role on the key: a service given the key before it can use it fails to create. */
export const afterKeyAccess = (e: EncryptionIdentity): pulumi.CustomResourceOptions => ({ dependsOn: [e.keyAccess] });
