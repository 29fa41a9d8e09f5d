import type * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault/index.js";
import type { Driver } from "../../capability.ts";
import { accountOf } from "../../spec/index.ts";
import { globalName, keyVaultName } from "../../clouds/azure/global-name.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import type { KeyDomain, Keys, KeysArgs } from "./keys.ts";

export interface AzureKeys extends Keys {
  readonly native: { readonly vault: keyvault.Vault; readonly keys: Readonly<Record<KeyDomain, keyvault.Key>> };
}

/** Soft delete keeps a deleted vault or key recoverable for 7 to 90 days (Key Vault's range). */
export function softDeleteDays(deletionWindowDays: number): number {
  return Math.min(90, Math.max(7, deletionWindowDays));
}

/** Rotate 90 days after each version is created; a version expires after a year; notify 30 days before that. */
export const keyRotationPolicy = {
  attributes: { expiryTime: "P1Y" },
  lifetimeActions: [
    { trigger: { timeAfterCreate: "P90D" }, action: { type: keyvault.KeyRotationPolicyActionType.Rotate } },
    { trigger: { timeBeforeExpiry: "P30D" }, action: { type: keyvault.KeyRotationPolicyActionType.Notify } },
  ],
};

/**
 * One Key Vault (Premium: keys in HSMs) and one key per data domain.
 * - Access only through Azure RBAC role assignments scoped to a key (`enableRbacAuthorization`), never vault
 *   access policies; purge protection on and soft delete kept `deletionWindowDays` (7 to 90).
 * - No public network access and network ACLs `Deny`: the vault is reached through its private endpoint, which the
 *   network driver makes (the vault exists before the network; the network's platform key names it). Trusted
 *   Azure services (`bypass: AzureServices`) still reach it for their customer-managed keys.
 * - Keys: RSA-HSM 3072, wrap/unwrap and encrypt/decrypt only, not exportable, rotated every 90 days by Key
 *   Vault itself (the rotation policy), expiring after a year.
 * `keyIds[domain]` is the key's versionless URI (`https://<vault>.vault.azure.net/keys/<domain>`): what
 * customer-managed key settings take, so services follow rotation. clouds/azure/key-vault-key.ts derives the
 * vault's and the key's ARM ids from it for role assignments. The vault's diagnostics are the audit driver's.
 */
export const azureKeys: Driver<KeysArgs, AzureKeys> = {
  create(args, ctx) {
    const { tenantId } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
    const resourceGroupName = resourceGroupOf(ctx);
    const vaultName = globalName(ctx, "kv", keyVaultName);
    const vault = new keyvault.Vault(ctx.name("vault"), {
      vaultName,
      resourceGroupName,
      location: ctx.region,
      properties: {
        tenantId,
        sku: { family: keyvault.SkuFamily.A, name: keyvault.SkuName.Premium },
        enableRbacAuthorization: true,
        enableSoftDelete: true,
        softDeleteRetentionInDays: softDeleteDays(args.deletionWindowDays),
        enablePurgeProtection: true,
        publicNetworkAccess: "Disabled",
        networkAcls: { defaultAction: keyvault.NetworkRuleAction.Deny, bypass: keyvault.NetworkRuleBypassOptions.AzureServices, ipRules: [], virtualNetworkRules: [] },
        enabledForDeployment: false,
        enabledForDiskEncryption: false,
        enabledForTemplateDeployment: false,
      },
    }, { parent: ctx.parent });
    const keys = {} as Record<KeyDomain, keyvault.Key>;
    for (const domain of args.domains) {
      keys[domain] = new keyvault.Key(ctx.name(`${domain}-key`), {
        keyName: domain,
        vaultName: vault.name,
        resourceGroupName,
        properties: {
          kty: keyvault.JsonWebKeyType.RSA_HSM,
          keySize: 3072,
          keyOps: ["wrapKey", "unwrapKey", "encrypt", "decrypt"],
          attributes: { enabled: true, exportable: false },
          rotationPolicy: keyRotationPolicy,
        },
      }, { parent: ctx.parent });
    }
    const keyIds = Object.fromEntries(Object.entries(keys).map(([domain, key]) => [domain, key.keyUri])) as Record<KeyDomain, pulumi.Output<string>>;
    return { keyIds, native: { vault, keys } };
  },
};
