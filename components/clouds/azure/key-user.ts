import type * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import type * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { DriverContext } from "../../capability.ts";
import { keyVaultKeyOf, type KeyVaultKey } from "./key-vault-key.ts";
import { resourceGroupOf } from "./resource-group.ts";
import { roleAssignment } from "./role-assignment.ts";

export interface KeyUser {
  /** The user-assigned identity a service encrypts as (`identity.userAssignedIdentities`, `encryptionIdentity`). */
  readonly identity: managedidentity.UserAssignedIdentity;
  /** Its role on exactly the one key: a resource that encrypts with it must wait for this. */
  readonly grant: authorization.RoleAssignment;
  readonly key: KeyVaultKey;
}

/**
 * The identity an Azure service uses to reach its customer-managed key: a user-assigned identity made before the
 * service (a system-assigned one exists only after the service, too late for creating it encrypted), granted
 * `Key Vault Crypto Service Encryption User` (get, wrap and unwrap) on exactly that key, not the vault.
 */
export function keyUser(ctx: DriverContext, suffix: string, keyId: pulumi.Input<string>): KeyUser {
  const identity = new managedidentity.UserAssignedIdentity(ctx.name(`${suffix}-key-user`), {
    resourceName: ctx.name(`${suffix}-key-user`),
    resourceGroupName: resourceGroupOf(ctx),
    location: ctx.region,
  }, { parent: ctx.parent });
  const key = keyVaultKeyOf(ctx, keyId);
  const grant = roleAssignment(ctx, `${suffix}-key-user`, { scope: key.keyResourceId, role: "Key Vault Crypto Service Encryption User", principalId: identity.principalId, principalType: "ServicePrincipal" });
  return { identity, grant, key };
}
