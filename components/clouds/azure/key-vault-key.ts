import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import { armIdInGroup } from "./arm-id.ts";

/** A customer-managed key in the stack's Key Vault, in each of the forms Azure services ask for. */
export interface VaultKey {
  /** `https://<vault>.vault.azure.net/` (storage's `keyVaultUri`). */
  readonly vaultUri: pulumi.Output<string>;
  readonly keyName: pulumi.Output<string>;
  /** `https://<vault>.vault.azure.net/keys/<key>`, versionless, so services follow the key's rotation. */
  readonly keyUri: pulumi.Output<string>;
  /** The vault's ARM id (ML's `keyVaultArmId`, a workspace's `keyVault`). */
  readonly vaultId: pulumi.Output<string>;
  /** The key's ARM id: the scope of the crypto role the encrypting identity gets, on this key only. */
  readonly keyResourceId: pulumi.Output<string>;
}

const keyUriPattern = /^https:\/\/([a-z0-9-]{3,24})\.vault\.azure\.net\/keys\/([A-Za-z0-9-]{1,127})(\/[0-9a-f]{32})?\/?$/i;
const keyIdPattern = /\/providers\/Microsoft\.KeyVault\/vaults\/([a-z0-9-]{3,24})\/keys\/([A-Za-z0-9-]{1,127})$/i;

/**
 * Reads the keys tier's key id: a Key Vault key URI (`https://<vault>.vault.azure.net/keys/<key>[/<version>]`)
 * or the key's ARM id (`…/providers/Microsoft.KeyVault/vaults/<vault>/keys/<key>`). Both name the vault and the
 * key; the vault is in the stack's resource group. Anything else fails the plan naming the value.
 */
export function vaultKeyOf(ctx: DriverContext, keyId: pulumi.Input<string>): VaultKey {
  const parts = pulumi.output(keyId).apply((id) => {
    const match = keyUriPattern.exec(id) ?? keyIdPattern.exec(id);
    if (!match?.[1] || !match[2]) throw new Error(`the key id ${JSON.stringify(id)} is neither a Key Vault key URI (https://<vault>.vault.azure.net/keys/<key>) nor a key's ARM id`);
    return { vault: match[1].toLowerCase(), key: match[2] };
  });
  const vaultId = pulumi.all([parts, armIdInGroup(ctx, "Microsoft.KeyVault/vaults/")]).apply(([p, prefix]) => `${prefix}${p.vault}`);
  return {
    vaultUri: parts.apply((p) => `https://${p.vault}.vault.azure.net/`),
    keyName: parts.apply((p) => p.key),
    keyUri: parts.apply((p) => `https://${p.vault}.vault.azure.net/keys/${p.key}`),
    vaultId,
    keyResourceId: pulumi.all([vaultId, parts]).apply(([v, p]) => `${v}/keys/${p.key}`),
  };
}
