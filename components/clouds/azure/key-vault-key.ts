import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import { stackResourceId } from "./role-assignment.ts";

/**
 * What an Azure driver makes of a domain's key id (`Keys.keyIds[domain]`): the key's versionless URI,
 * `https://<vault>.vault.azure.net/keys/<key>`, which is what customer-managed key settings take (storage's
 * `keyVaultProperties`, ACR's `keyIdentifier`, Synapse's `keyVaultUrl`, Postgres's `primaryKeyURI`, a disk
 * encryption set's `keyUrl`), so they follow rotation to the newest version. Role assignments and the cluster's
 * KMS need ARM ids instead: the vault and the key live in the stack's resource group, so both are derived here.
 */
export interface KeyVaultKey {
  readonly uri: pulumi.Output<string>;
  readonly vaultName: pulumi.Output<string>;
  readonly keyName: pulumi.Output<string>;
  /** `https://<vault>.vault.azure.net/` (the host as the URI names it). */
  readonly vaultUri: pulumi.Output<string>;
  /** `/subscriptions/…/providers/Microsoft.KeyVault/vaults/<vault>`. */
  readonly vaultId: pulumi.Output<string>;
  /** `<vaultId>/keys/<key>`: the scope a role assignment to use only this key is made on. */
  readonly keyResourceId: pulumi.Output<string>;
}

export function keyVaultKeyOf(ctx: DriverContext, keyId: pulumi.Input<string>): KeyVaultKey {
  const parts = pulumi.output(keyId).apply((uri) => {
    const match = /^https:\/\/([a-z0-9-]+)\.([^/]+)\/keys\/([A-Za-z0-9-]+)\/?$/.exec(uri);
    if (!match) throw new Error(`expected a versionless Key Vault key URI https://<vault>.vault.azure.net/keys/<key>, got ${JSON.stringify(uri)}`);
    const [, vault = "", host = "", key = ""] = match;
    return { vault, host, key };
  });
  const vaultName = parts.apply((p) => p.vault);
  const keyName = parts.apply((p) => p.key);
  const vaultId = vaultName.apply((vault) => stackResourceId(ctx, "Microsoft.KeyVault", `vaults/${vault}`));
  return {
    uri: pulumi.output(keyId),
    vaultName,
    keyName,
    vaultUri: parts.apply((p) => `https://${p.vault}.${p.host}/`),
    vaultId,
    keyResourceId: pulumi.interpolate`${vaultId}/keys/${keyName}`,
  };
}
