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

/** A key URI: the vault's host (`<vault>.vault.azure.net`; offline, under `.offline.invalid`) and the key's name. */
const keyUriPattern = /^https:\/\/(([a-z0-9-]{3,24})\.vault\.[a-z0-9.-]+)\/keys\/([A-Za-z0-9-]{1,127})(\/[0-9a-f]{32})?\/?$/i;
const keyIdPattern = /\/providers\/Microsoft\.KeyVault\/vaults\/([a-z0-9-]{3,24})\/keys\/([A-Za-z0-9-]{1,127})$/i;

/**
 * Reads the keys tier's key id: a Key Vault key URI (`https://<vault>.vault.azure.net/keys/<key>[/<version>]`,
 * what the Azure keys driver gives) or the key's ARM id (`…/providers/Microsoft.KeyVault/vaults/<vault>/keys/<key>`).
 * Both name the vault and the key; the vault is in the stack's resource group. Anything else fails the plan
 * naming the value.
 */
export function vaultKeyOf(ctx: DriverContext, keyId: pulumi.Input<string>): VaultKey {
  const parts = pulumi.output(keyId).apply(parseKeyId);
  const vaultId = pulumi.all([parts, armIdInGroup(ctx, "Microsoft.KeyVault/vaults/")]).apply(([p, prefix]) => `${prefix}${p.vault}`);
  return {
    vaultUri: parts.apply((p) => `https://${p.host}/`),
    keyName: parts.apply((p) => p.key),
    keyUri: parts.apply((p) => `https://${p.host}/keys/${p.key}`),
    vaultId,
    keyResourceId: pulumi.all([vaultId, parts]).apply(([v, p]) => `${v}/keys/${p.key}`),
  };
}

/** The vault's host, the vault's name and the key's name in a key id (see vaultKeyOf); throws naming the value. */
export function parseKeyId(id: string): { readonly host: string; readonly vault: string; readonly key: string } {
  const uri = keyUriPattern.exec(id);
  if (uri?.[1] && uri[2] && uri[3]) return { host: uri[1].toLowerCase(), vault: uri[2].toLowerCase(), key: uri[3] };
  const arm = keyIdPattern.exec(id);
  if (arm?.[1] && arm[2]) return { host: `${arm[1].toLowerCase()}.vault.azure.net`, vault: arm[1].toLowerCase(), key: arm[2] };
  throw new Error(`the key id ${JSON.stringify(id)} is neither a Key Vault key URI (https://<vault>.vault.azure.net/keys/<key>) nor a key's ARM id`);
}
