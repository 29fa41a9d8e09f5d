import type * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage/index.js";
import type { DriverContext } from "../../capability.ts";
import { diagnosticSetting } from "./diagnostic-setting.ts";
import { globalName, storageAccountName } from "./global-name.ts";
import type { KeyUser } from "./key-user.ts";
import { resourceGroupOf } from "./resource-group.ts";

export interface SecureStorageAccountArgs {
  /** Who encrypts the account with the customer-managed key (clouds/azure/key-user.ts). */
  readonly keyUser: KeyUser;
  /** The Log Analytics workspace (the driver's `logDestination`): the blob service's logs go there. */
  readonly logDestination: pulumi.Input<string>;
  /** Zone-redundant (ZRS) rather than locally redundant. */
  readonly zoneRedundant: boolean;
  /** Days a deleted blob or container stays recoverable (1 to 365). */
  readonly softDeleteDays: number;
  /** Data Lake Storage Gen2's hierarchical namespace (only at creation); default off. */
  readonly hierarchicalNamespace?: boolean;
}

/**
 * A StorageV2 account no one reaches from the public network or with a shared key: public network access off and
 * network rules `Deny` (trusted Azure services such as Network Watcher still write), shared keys and local users
 * off (Entra ID only), no anonymous blob access, HTTPS and TLS 1.2 only, no cross-tenant replication, copies only
 * within the tenant, the customer-managed key with infrastructure encryption beneath it, blob versioning and soft
 * delete, and its blob service's logs sent to the workspace.
 */
export function secureStorageAccount(ctx: DriverContext, suffix: string, args: SecureStorageAccountArgs): { account: storage.StorageAccount; blobService: storage.BlobServiceProperties; diagnostics: ReturnType<typeof diagnosticSetting> } {
  const { keyUser } = args;
  const account = new storage.StorageAccount(ctx.name(suffix), {
    accountName: globalName(ctx, suffix, storageAccountName),
    resourceGroupName: resourceGroupOf(ctx),
    location: ctx.region,
    kind: storage.Kind.StorageV2,
    ...(args.hierarchicalNamespace ? { isHnsEnabled: true } : {}),
    sku: { name: args.zoneRedundant ? storage.SkuName.Standard_ZRS : storage.SkuName.Standard_LRS },
    identity: { type: storage.IdentityType.UserAssigned, userAssignedIdentities: [keyUser.identity.id] },
    publicNetworkAccess: storage.PublicNetworkAccess.Disabled,
    networkRuleSet: { defaultAction: storage.DefaultAction.Deny, bypass: storage.Bypass.AzureServices, ipRules: [], virtualNetworkRules: [] },
    allowSharedKeyAccess: false,
    defaultToOAuthAuthentication: true,
    isLocalUserEnabled: false,
    isSftpEnabled: false,
    allowBlobPublicAccess: false,
    allowCrossTenantReplication: false,
    allowedCopyScope: storage.AllowedCopyScope.AAD,
    enableHttpsTrafficOnly: true,
    minimumTlsVersion: storage.MinimumTlsVersion.TLS1_2,
    encryption: {
      keySource: storage.KeySource.Microsoft_Keyvault,
      keyVaultProperties: { keyVaultUri: keyUser.key.vaultUri, keyName: keyUser.key.keyName },
      encryptionIdentity: { encryptionUserAssignedIdentity: keyUser.identity.id },
      requireInfrastructureEncryption: true,
      services: { blob: { enabled: true, keyType: storage.KeyType.Account }, file: { enabled: true, keyType: storage.KeyType.Account } },
    },
  }, { parent: ctx.parent, dependsOn: [keyUser.grant] });
  // Overwritten or deleted blobs stay recoverable: versions, and soft delete of blobs and containers.
  const blobService = new storage.BlobServiceProperties(ctx.name(`${suffix}-blob-service`), {
    accountName: account.name,
    resourceGroupName: resourceGroupOf(ctx),
    blobServicesName: "default",
    isVersioningEnabled: true,
    deleteRetentionPolicy: { enabled: true, days: args.softDeleteDays, allowPermanentDelete: false },
    containerDeleteRetentionPolicy: { enabled: true, days: args.softDeleteDays },
  }, { parent: ctx.parent });
  // `-blob`: the account's blob service, named apart from a diagnostic setting of the service the account belongs to (a Synapse or ML workspace of the same suffix).
  const diagnostics = diagnosticSetting(ctx, `${suffix}-blob`, { resourceUri: account.id.apply((id) => `${id}/blobServices/default`), workspaceId: args.logDestination });
  return { account, blobService, diagnostics };
}
