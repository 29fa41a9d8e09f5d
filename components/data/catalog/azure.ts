import * as pulumi from "@pulumi/pulumi";
import * as purview from "@pulumi/azure-native/purview/index.js";
import type * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { Driver } from "../../capability.ts";
import { diagnosticSetting } from "../../clouds/azure/diagnostic-setting.ts";
import { privateEndpoint, type PrivateEndpoint } from "../../clouds/azure/private-endpoint.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { roleAssignment, stackResourceId } from "../../clouds/azure/role-assignment.ts";
import type { Catalog, CatalogArgs } from "./catalog.ts";

export interface AzureCatalog extends Catalog {
  readonly native: {
    readonly account: purview.Account;
    readonly privateEndpoints: Readonly<Record<string, PrivateEndpoint>>;
    /** Per zone, the catalog's read access to the zone's container, which its scans need. */
    readonly scanAccess: Readonly<Record<string, authorization.RoleAssignment>>;
  };
}

const containerUrlPattern = /^https:\/\/([a-z0-9]{3,24})\.blob\.core\.windows\.net\/([a-z0-9$-]{3,63})$/;

/**
 * A Microsoft Purview account: public network access off for the account and its managed ingestion resources,
 * reached through its `account` and `portal` private endpoints, no managed Event Hub (Kafka notifications are
 * a public path), its logs in Log Analytics. Its system identity may read each lake zone's container (Storage
 * Blob Data Reader there, nothing wider): what a scan of the zone needs. The scans and collections themselves
 * are Purview's data plane, which ARM has no resource for (docs/azure.md, Data). Purview encrypts its catalog
 * with Microsoft-managed keys only: the lake key (`keyId`) protects the data scanned, not the metadata.
 * Purview over Unity Catalog or a Synapse-only catalog: Purview is the one service that catalogs ADLS, Synapse
 * and PostgreSQL together, under Entra ID, without a cluster of its own.
 */
export const azureCatalog: Driver<CatalogArgs, AzureCatalog> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const resourceGroupName = resourceGroupOf(ctx);
    const accountName = ctx.name("catalog").slice(0, 63);
    const account = new purview.Account(ctx.name("catalog"), {
      accountName,
      resourceGroupName,
      location: ctx.region,
      identity: { type: "SystemAssigned" },
      publicNetworkAccess: "Disabled",
      managedResourcesPublicNetworkAccess: "Disabled",
      managedEventHubState: "Disabled",
      managedResourceGroupName: `${accountName}-managed`,
    }, opts);
    const privateEndpoints = Object.fromEntries((["account", "portal"] as const).map((group) => [group, privateEndpoint(ctx, `catalog-${group}`, { connectivity: args.connectivity, resourceId: account.id, group })]));
    diagnosticSetting(ctx, "catalog", { resourceUri: account.id, workspaceId: args.logDestination });
    const principalId = account.identity.apply((i) => i?.principalId ?? "");
    const scanAccess = Object.fromEntries(Object.entries(args.lake.zoneLocations).map(([zone, location]) => [zone, roleAssignment(ctx, `catalog-scans-${zone}`, {
      principalId,
      principalType: "ServicePrincipal",
      role: "Storage Blob Data Reader",
      scope: pulumi.output(location).apply((url) => {
        const match = containerUrlPattern.exec(url);
        if (!match) throw new Error(`the lake zone ${zone}'s location ${JSON.stringify(url)} is not a blob container URL (https://<account>.blob.core.windows.net/<container>)`);
        return stackResourceId(ctx, "Microsoft.Storage", `storageAccounts/${match[1]}/blobServices/default/containers/${match[2]}`);
      }),
    })]));
    return { catalogId: account.name, native: { account, privateEndpoints, scanAccess } };
  },
};
