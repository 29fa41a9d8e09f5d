import type * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/azure-native/storage/index.js";
import type { DriverContext } from "../../capability.ts";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";
import { keyUser, type KeyUser } from "./key-user.ts";
import { privateEndpoint, type PrivateEndpoint } from "./private-endpoint.ts";
import type { PrivateLinkGroup } from "./private-dns-zones.ts";
import { resourceGroupOf } from "./resource-group.ts";
import { secureStorageAccount } from "./secure-storage-account.ts";

export interface BlobStorageArgs {
  /** What the account holds (`lake`, `models`, `site`): names the account and its resources. */
  readonly purpose: string;
  /** The domain's key id (`Keys.keyIds[domain]`). */
  readonly keyId: pulumi.Input<string>;
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
  /** Serve `$web` as a static website (reached only through a private link: public network access stays off). */
  readonly staticWebsite?: { readonly indexDocument: string; readonly error404Document: string };
}

export interface BlobStorage {
  readonly account: storage.StorageAccount;
  readonly accountName: pulumi.Output<string>;
  readonly keyUser: KeyUser;
  readonly blobService: storage.BlobServiceProperties;
  readonly containers: Readonly<Record<string, storage.BlobContainer>>;
  readonly lifecycle: storage.ManagementPolicy;
  readonly privateEndpoints: Readonly<Record<string, PrivateEndpoint>>;
  readonly website?: storage.StorageAccountStaticWebsite;
}

/**
 * Blob data in the one secure storage account (secure-storage-account.ts: Entra ID only, no public path, the
 * customer's key under infrastructure encryption, versioning and soft delete for `retentionDays`, blob logs in
 * Log Analytics), zone-redundant, with what holding data takes besides: the Data Lake namespace where asked,
 * non-current versions expired after `retentionDays`, private containers, the private endpoints the readers use,
 * and the static website for a site.
 */
export function blobStorage(ctx: DriverContext, args: BlobStorageArgs): BlobStorage {
  const opts = { parent: ctx.parent };
  const resourceGroupName = resourceGroupOf(ctx);
  const user = keyUser(ctx, args.purpose, args.keyId);
  const { account, blobService } = secureStorageAccount(ctx, args.purpose, { keyUser: user, logDestination: args.logDestination, zoneRedundant: true, softDeleteDays: args.retentionDays, hierarchicalNamespace: args.hierarchicalNamespace });
  const days = args.retentionDays;
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
  return { account, accountName: account.name, keyUser: user, blobService, containers, lifecycle, privateEndpoints, ...(website ? { website } : {}) };
}

/** `https://<account>.blob.core.windows.net/<container>`: a container's URL, what workloads are given. */
export const containerUrl = (accountName: string, container: string): string => `https://${accountName}.blob.core.windows.net/${container}`;
