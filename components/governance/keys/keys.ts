import type * as pulumi from "@pulumi/pulumi";

/**
 * Customer-managed encryption keys, one per data domain (never one key for everything), rotation on.
 * AWS: kms.Key + kms.Alias. GCP: kms.KeyRing + kms.CryptoKey. Azure: keyvault.Vault + keyvault.Key.
 */
export const keyDomains = ["platform", "cluster", "registry", "database", "lake", "warehouse", "ml", "audit"] as const;
export type KeyDomain = (typeof keyDomains)[number];

export interface KeysArgs {
  readonly domains: readonly KeyDomain[];
  /**
   * Days a key scheduled for deletion can still be recovered. AWS: `deletionWindowInDays`. GCP: the CryptoKey's
   * `destroyScheduledDuration`. Azure: the vault's `softDeleteRetentionInDays` (purge protection on).
   */
  readonly deletionWindowDays: number;
}

export interface Keys {
  /** Key identifier per domain: a KMS key ARN, a CryptoKey id, or a Key Vault key id. */
  readonly keyIds: Readonly<Record<KeyDomain, pulumi.Output<string>>>;
}
