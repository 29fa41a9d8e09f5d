import { get } from "../inputs.ts";
import type { Rule } from "../rule.ts";
import { byType, problems } from "./by-type.ts";
import { controlSets } from "./controls.ts";

/**
 * A key that is deleted takes every byte encrypted with it along: the vault holding customer-managed keys keeps
 * deleted keys recoverable and cannot be purged early, and who may use them is decided by Azure RBAC role
 * assignments (audited, scoped to the key) rather than vault-wide access policies.
 */
export const keyStoreProtection: Rule = {
  id: "key-store-protection",
  description: "Key vaults keep deleted keys recoverable (soft delete and purge protection) and grant access only through RBAC role assignments.",
  severity: "high",
  remediation: "Azure: properties.enablePurgeProtection true, enableSoftDelete left on (true), and enableRbacAuthorization true with role assignments (Key Vault Crypto Service Encryption User, Key Vault Secrets User) scoped to the key or secret instead of accessPolicies.",
  controls: controlSets.encryptionAtRest,
  ...byType({
    "azure-native:keyvault:Vault": (i) =>
      problems(
        [get(i, "properties.enablePurgeProtection") !== true, "purge protection is off (properties.enablePurgeProtection is not true)"],
        [get(i, "properties.enableSoftDelete") === false, "soft delete is off (properties.enableSoftDelete false)"],
        [get(i, "properties.enableRbacAuthorization") !== true, "access is through vault access policies (properties.enableRbacAuthorization is not true)"],
      ),
  }),
};
