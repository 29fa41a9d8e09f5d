import * as pulumi from "@pulumi/pulumi";
import * as synapse from "@pulumi/azure-native/synapse/index.js";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import type * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { Driver } from "../../capability.ts";
import { accountOf } from "../../spec/index.ts";
import { diagnosticSetting } from "../../clouds/azure/diagnostic-setting.ts";
import { keyUser, type KeyUser } from "../../clouds/azure/key-user.ts";
import { privateEndpoint, type PrivateEndpoint } from "../../clouds/azure/private-endpoint.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { roleAssignment } from "../../clouds/azure/role-assignment.ts";
import { blobStorage, type BlobStorage } from "../../clouds/azure/blob-storage.ts";
import type { Warehouse, WarehouseArgs } from "./warehouse.ts";

export interface AzureWarehouse extends Warehouse {
  readonly native: {
    readonly workspace: synapse.Workspace;
    /** The workspace's customer-managed key, activated (a CMK workspace stays pending until it is). */
    readonly key: synapse.Key;
    readonly storage: BlobStorage;
    readonly workspaceData: authorization.RoleAssignment;
    readonly keyUser: KeyUser;
    readonly admin: managedidentity.UserAssignedIdentity;
    readonly administrator: synapse.WorkspaceAadAdmin;
    readonly privateEndpoints: Readonly<Record<string, PrivateEndpoint>>;
    readonly grants: Readonly<Record<string, authorization.RoleAssignment>>;
  };
}

/** The workspace's file system in its own Data Lake account: what the serverless SQL pool reads and writes. */
const filesystem = "warehouse";

/**
 * A Synapse workspace queried through its serverless SQL pool: a managed virtual network with data exfiltration
 * prevention (outbound only to this tenant's approved private endpoints), public network access off, private
 * endpoints for the SQL (`SqlOnDemand`) and development (`Dev`) endpoints, Entra-only authentication with the
 * stack's own admin identity, double encryption with the warehouse key (activated by `synapse.Key`), its default
 * Data Lake a storage account of its own (blob-storage.ts) reached through a managed private endpoint, and
 * its logs in Log Analytics.
 *
 * Grants: Synapse RBAC and SQL permissions are the workspace's data plane (`https://<ws>.dev.azuresynapse.net`,
 * `CREATE USER … FROM EXTERNAL PROVIDER`), which ARM (hence azure-native) has no resource for, and ARM roles on
 * the workspace authorise managing it, not querying it. What ARM does decide is the data: the serverless pool
 * reads and writes storage as the caller (Entra pass-through), so each grant is Storage Blob Data Reader
 * (`read`) or Contributor (`readwrite`) on the warehouse's file system, and the admin identity maps the
 * identity to its SQL user (docs/azure.md, Data).
 */
export const azureWarehouse: Driver<WarehouseArgs, AzureWarehouse> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const resourceGroupName = resourceGroupOf(ctx);
    const { tenantId } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
    const storage = blobStorage(ctx, {
      purpose: "warehouse",
      keyId: args.keyId,
      hierarchicalNamespace: true,
      containers: [filesystem],
      retentionDays: 30,
      logDestination: args.logDestination,
      privateEndpoints: { connectivity: args.connectivity, groups: ["dfs"] },
    });
    const encryption = keyUser(ctx, "warehouse-ws", args.keyId);
    const key = encryption.key;
    const workspaceName = ctx.name("warehouse").replace(/[^a-z0-9-]/g, "").slice(0, 50);
    const workspace = new synapse.Workspace(ctx.name("warehouse"), {
      workspaceName,
      resourceGroupName,
      location: ctx.region,
      identity: { type: "SystemAssigned,UserAssigned", userAssignedIdentities: [encryption.identity.id] },
      managedVirtualNetwork: "default",
      managedVirtualNetworkSettings: { preventDataExfiltration: true, linkedAccessCheckOnTargetResource: true, allowedAadTenantIdsForLinking: [tenantId] },
      publicNetworkAccess: "Disabled",
      trustedServiceBypassEnabled: false,
      azureADOnlyAuthentication: true,
      defaultDataLakeStorage: { accountUrl: pulumi.interpolate`https://${storage.accountName}.dfs.core.windows.net`, filesystem, resourceId: storage.account.id, createManagedPrivateEndpoint: true },
      encryption: { cmk: { key: { name: "warehouse", keyVaultUrl: key.uri }, kekIdentity: { userAssignedIdentity: encryption.identity.id } } },
    }, { ...opts, dependsOn: [encryption.grant, ...Object.values(storage.containers)] });
    const activeKey = new synapse.Key(ctx.name("warehouse-key"), { resourceGroupName, workspaceName: workspace.name, keyName: "warehouse", keyVaultUrl: key.uri, isActiveCMK: true }, opts);
    const admin = new managedidentity.UserAssignedIdentity(ctx.name("warehouse-admin"), { resourceName: ctx.name("warehouse-admin"), resourceGroupName, location: ctx.region }, opts);
    const administrator = new synapse.WorkspaceAadAdmin(ctx.name("warehouse-entra-admin"), {
      resourceGroupName,
      workspaceName: workspace.name,
      administratorType: "ActiveDirectory",
      login: admin.name,
      sid: admin.principalId,
      tenantId,
    }, { ...opts, dependsOn: [activeKey] });
    const privateEndpoints = Object.fromEntries((["SqlOnDemand", "Dev"] as const).map((group) => [group, privateEndpoint(ctx, `warehouse-${group.toLowerCase()}`, { connectivity: args.connectivity, resourceId: workspace.id, group })]));
    diagnosticSetting(ctx, "warehouse", { resourceUri: workspace.id, workspaceId: args.logDestination });
    const data = storage.containers[filesystem]!;
    // The workspace itself reads and writes its default Data Lake (Synapse requires it, on the file system only).
    const workspaceData = roleAssignment(ctx, "warehouse-ws-data", {
      principalId: workspace.identity.apply((i) => i?.principalId ?? ""),
      principalType: "ServicePrincipal",
      role: "Storage Blob Data Contributor",
      scope: data.id,
    });
    const grants = Object.fromEntries(args.grants.map((grant) => [grant.principal.name, roleAssignment(ctx, `${grant.principal.name}-warehouse`, {
      principalId: grant.principal.id,
      principalType: "ServicePrincipal",
      role: grant.access === "readwrite" ? "Storage Blob Data Contributor" : "Storage Blob Data Reader",
      scope: data.id,
    })]));
    return {
      warehouseId: workspace.name,
      endpoint: workspace.connectivityEndpoints.apply((e) => e?.["sqlOnDemand"] ?? ""),
      native: { workspace, key: activeKey, workspaceData, storage, keyUser: encryption, admin, administrator, privateEndpoints, grants },
    };
  },
};
