import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage/index.js";
import type { DriverContext } from "../../capability.ts";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";
import { accountOf } from "../../spec/index.ts";
import { diagnosticSetting } from "./diagnostic-setting.ts";
import { encryptionIdentity, type EncryptionIdentity } from "./encryption-identity.ts";
import type { VaultKey } from "./key-vault-key.ts";
import { privateEndpoint, type PrivateEndpoint } from "./private-endpoint.ts";
import type { PrivateLinkGroup } from "./private-dns-zones.ts";
import { resourceGroupOf } from "./resource-group.ts";

export interface SecureStorageAccountArgs {
  /** What the account holds (`lake`, `models`, `site`): names the account and its resources. */
  readonly purpose: string;
  readonly key: VaultKey;
  /** Data Lake Storage Gen2 (directories, POSIX ACLs, the `dfs` endpoint). */
  readonly hierarchicalNamespace: boolean;
  /** Private containers (`publicAccess: None`); the static website's `$web` is made by `staticWebsite`. */
  readonly containers: readonly string[];
  /** Days deleted blobs and containers stay restorable, and a non-current version is kept. */
  readonly retentionDays: number;
  /** The Log Analytics workspace's ARM id (the audit tier's `logDestination`). */
  readonly logDestination: pulumi.Input<string>;
  /** Private endpoints in the network, one per sub-resource (`blob`, `dfs`); none for an account only Front Door reads. */
  readonly privateEndpoints?: { readonly connectivity: DataStoreConnectivity; readonly groups: readonly PrivateLinkGroup[] };
  /** Serve `$web` as a static website (reachable only through a private link: public network access stays off). */
  readonly staticWebsite?: { readonly indexDocument: string; readonly error404Document: string };
}

export interface SecureStorageAccount {
  readonly account: storage.StorageAccount;
  readonly accountName: string;
  readonly encryption: EncryptionIdentity;
  readonly blobService: storage.BlobServiceProperties;
  readonly containers: Readonly<Record<string, storage.BlobContainer>>;
  readonly lifecycle: storage.ManagementPolicy;
  readonly privateEndpoints: Readonly<Record<string, PrivateEndpoint>>;
  readonly website?: storage.StorageAccountStaticWebsite;
}

/**
 * The one storage account every Azure driver stores data in (the lake, model artifacts, the front end's files),
 * every secure default stated rather than left to Azure's: Entra ID only (shared keys and SAS off, OAuth the
 * default), no anonymous blob access, TLS 1.2 and HTTPS only, no public network path (public access disabled and
 * the firewall denying all), the customer's key under a second infrastructure-encryption layer, versioning,
 * soft delete of blobs and containers, non-current versions expired after `retentionDays`, no cross-tenant
 * replication or copies from other tenants, no SFTP or local users, and its blob logs in Log Analytics.
 */
export function secureStorageAccount(ctx: DriverContext, args: SecureStorageAccountArgs): SecureStorageAccount {
  const opts = { parent: ctx.parent };
  const resourceGroupName = resourceGroupOf(ctx);
  const accountName = storageAccountName(ctx, args.purpose);
  const encryption = encryptionIdentity(ctx, args.purpose, args.key);
  const account = new storage.StorageAccount(ctx.name(args.purpose), {
    accountName,
    resourceGroupName,
    location: ctx.region,
    kind: "StorageV2",
    // Zone-redundant: a zone's loss loses no data and no availability.
    sku: { name: "Standard_ZRS" },
    accessTier: "Hot",
    isHnsEnabled: args.hierarchicalNamespace,
    allowSharedKeyAccess: false,
    defaultToOAuthAuthentication: true,
    allowBlobPublicAccess: false,
    allowCrossTenantReplication: false,
    allowedCopyScope: "AAD",
    isSftpEnabled: false,
    isLocalUserEnabled: false,
    minimumTlsVersion: "TLS1_2",
    enableHttpsTrafficOnly: true,
    publicNetworkAccess: "Disabled",
    // Deny everything the private endpoints do not carry; no trusted-service bypass (nothing here needs one).
    networkRuleSet: { defaultAction: "Deny", bypass: "None", ipRules: [], virtualNetworkRules: [] },
    identity: { type: "UserAssigned", userAssignedIdentities: [encryption.identity.id] },
    encryption: {
      keySource: "Microsoft.Keyvault",
      keyVaultProperties: { keyVaultUri: args.key.vaultUri, keyName: args.key.keyName },
      encryptionIdentity: { encryptionUserAssignedIdentity: encryption.identity.id },
      requireInfrastructureEncryption: true,
      services: { blob: { enabled: true, keyType: "Account" }, file: { enabled: true, keyType: "Account" } },
    },
  }, { ...opts, dependsOn: [encryption.keyAccess] });
  const days = args.retentionDays;
  const blobService = new storage.BlobServiceProperties(ctx.name(`${args.purpose}-blob-service`), {
    accountName: account.name,
    resourceGroupName,
    blobServicesName: "default",
    isVersioningEnabled: true,
    deleteRetentionPolicy: { enabled: true, days, allowPermanentDelete: false },
    containerDeleteRetentionPolicy: { enabled: true, days },
  }, opts);
  const lifecycle = new storage.ManagementPolicy(ctx.name(`${args.purpose}-lifecycle`), {
    accountName: account.name,
    resourceGroupName,
    managementPolicyName: "default",
    policy: {
      rules: [{
        name: "expire-noncurrent-versions",
        enabled: true,
        type: "Lifecycle",
        definition: { filters: { blobTypes: ["blockBlob"] }, actions: { version: { delete: { daysAfterCreationGreaterThan: days } } } },
      }],
    },
  }, { ...opts, dependsOn: [blobService] });
  const containers = Object.fromEntries(args.containers.map((name) => [name, new storage.BlobContainer(ctx.name(`${args.purpose}-${name}`), {
    accountName: account.name,
    resourceGroupName,
    containerName: name,
    publicAccess: "None",
  }, { ...opts, dependsOn: [blobService] })]));
  const website = args.staticWebsite
    ? new storage.StorageAccountStaticWebsite(ctx.name(`${args.purpose}-website`), { accountName: account.name, resourceGroupName, ...args.staticWebsite }, opts)
    : undefined;
  const endpoints = args.privateEndpoints;
  const privateEndpoints = Object.fromEntries((endpoints?.groups ?? []).map((group) => [group, privateEndpoint(ctx, `${args.purpose}-${group}`, { connectivity: endpoints!.connectivity, resourceId: account.id, group })]));
  // Blob reads, writes and deletes (who, from where, with which identity) go to Log Analytics.
  diagnosticSetting(ctx, `${args.purpose}-blob`, { resourceUri: pulumi.interpolate`${account.id}/blobServices/default`, workspaceId: args.logDestination });
  return { account, accountName, encryption, blobService, containers, lifecycle, privateEndpoints, ...(website ? { website } : {}) };
}

/**
 * Storage account names are global across Azure, 3–24 lowercase letters and digits: the stack's name without
 * its dashes, cut to 18, and 6 hex of a hash of the subscription and the full name, so two stacks (or two
 * subscriptions) never collide and the name stays the same plan after plan.
 */
export function storageAccountName(ctx: DriverContext, purpose: string): string {
  const { subscriptionId } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
  const full = ctx.name(purpose);
  const hash = createHash("sha256").update(`${subscriptionId}/${full}`).digest("hex").slice(0, 6);
  return `${full.toLowerCase().replace(/[^a-z0-9]/g, "").slice(0, 18)}${hash}`;
}

/** `https://<account>.blob.core.windows.net/<container>`: a container's URL, what workloads are given. */
export const containerUrl = (accountName: string, container: string): string => `https://${accountName}.blob.core.windows.net/${container}`;
