import * as pulumi from "@pulumi/pulumi";
import { recordProgram, type Recording } from "../../../../lib/plan/record.ts";
import type { DriverContext } from "../../../capability.ts";
import type { Principal } from "../../../grants.ts";
import { tagTransform } from "../../../tags/tag-transform.ts";
import { azureDataStoreConnectivity } from "../data-store-connectivity.ts";
import { privateDnsZoneNames } from "../private-dns-zones.ts";
import { azureOffline } from "../offline.ts";
import { azureDataArmPath } from "../offline-data.ts";
import { createHash } from "node:crypto";
import { azureDatabase } from "../../../data/database/azure.ts";
import { azureLake } from "../../../data/lake/azure.ts";
import { azureWarehouse } from "../../../data/warehouse/azure.ts";
import { azureCatalog } from "../../../data/catalog/azure.ts";
import { azureModelArtifacts } from "../../../ml/artifacts/azure.ts";
import { azureModelServing } from "../../../ml/serving/azure.ts";
import { azureFrontend } from "../../../web/frontend/azure.ts";

export const subscriptionId = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b";
export const tenantId = "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d";
export const resourceGroup = "rg-acme-prod";
export const region = "eastus2";
export const workspaceId = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.OperationalInsights/workspaces/acme-prod-logs`;
export const keyUri = (domain: string) => `https://acme-prod-kv.vault.azure.net/keys/${domain}`;
export const tags = { owner: "platform", "cost-center": "cc-1" };
/** A workload's or CI identity's principal id, as a GUID derived from its name. */
export function principalGuid(name: string): string {
  const h = createHash("sha256").update(`test/${name}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(12, 15)}-8${h.slice(15, 18)}-${h.slice(18, 30)}`;
}
export const principal = (name: string): Principal => ({ name, id: pulumi.output(principalGuid(name)) });
export const registryHost = "acmeprodacr.azurecr.io";
export const digest = `sha256:${"b".repeat(64)}`;

const account = { azure: { subscriptionId, tenantId, resourceGroup } };
const group = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;

/**
 * The offline answers the Azure program gets, with what the Azure core drivers' offline.ts answers for their own
 * types (identities' principal ids, the group's and storage accounts' names, the website host) and the data
 * types' ARM ids (offline-data.ts's paths), so
 * these drivers can be recorded before and independently of the core drivers.
 */
function offline() {
  const data = azureOffline({ region, account });
  return {
    ...data,
    resourceId: (type: string, name: string, inputs: Readonly<Record<string, unknown>>) => {
      const path = azureDataArmPath(type, name, inputs) ?? (type === "azure-native:storage:StorageAccount" ? `Microsoft.Storage/storageAccounts/${String(inputs["accountName"])}` : undefined);
      return path ? `${group}/providers/${path}` : data.resourceId(type, name, inputs);
    },
    computedOutputs: (type: string, name: string, inputs: Readonly<Record<string, unknown>>, r: string) => ({
      ...(type === "azure-native:resources:ResourceGroup" ? { name: inputs["resourceGroupName"] } : {}),
      ...(type === "azure-native:storage:StorageAccount" ? { name: inputs["accountName"], primaryEndpoints: { web: `https://${String(inputs["accountName"])}.web.offline.invalid/` } } : {}),
      ...(type === "azure-native:managedidentity:UserAssignedIdentity" ? { name: inputs["resourceName"], principalId: principalGuid(`identity/${name}`), clientId: principalGuid(`client/${name}`) } : {}),
      ...data.computedOutputs(type, name, inputs, r),
    }),
  };
}

export interface DataPlanOptions {
  readonly environment: "dev" | "prod";
  readonly highAvailability: boolean;
  readonly domain?: string;
}

/** Records the seven data, ML and web drivers of Azure under the mock runtime, on a fake network handle. */
export function recordAzureData(options: DataPlanOptions): Promise<Recording> {
  return recordProgram({
    project: "stratum",
    stack: `${options.environment}-azure`,
    config: {},
    region,
    offline: offline(),
    program: async () => {
      const root = new pulumi.ComponentResource("stratum:index:Platform", "acme", {}, { transforms: [tagTransform(tags)] });
      const ctx = (suffix: string): DriverContext => ({ parent: new pulumi.ComponentResource(`stratum:test:${suffix}`, suffix, {}, { parent: root }), name: (s) => `acme-${options.environment}-${s}`, region, account });
      const out = pulumi.output;
      const connectivity = azureDataStoreConnectivity({
        virtualNetworkId: out(`${group}/providers/Microsoft.Network/virtualNetworks/acme-vnet`),
        privateEndpointSubnetId: out(`${group}/providers/Microsoft.Network/virtualNetworks/acme-vnet/subnets/endpoints`),
        postgresSubnetId: out(`${group}/providers/Microsoft.Network/virtualNetworks/acme-vnet/subnets/postgres`),
        privateDnsZoneIds: Object.fromEntries(privateDnsZoneNames().map((zone) => [zone, out(`${group}/providers/Microsoft.Network/privateDnsZones/${zone}`)])),
        cidr: "10.0.0.0/16",
      });
      const logDestination = workspaceId;
      const lake = azureLake.create({ zones: ["raw", "curated"], noncurrentVersionRetentionDays: 30, keyId: keyUri("lake"), connectivity, logDestination, grants: [{ principal: principal("api"), access: { curated: "read" } }, { principal: principal("loader"), access: { raw: "readwrite" } }] }, ctx("lake"));
      const database = azureDatabase.create({ name: "orders", engineVersion: "16", size: "small", storageGb: 20, highAvailability: options.highAvailability, deletionProtection: false, backupRetentionDays: 30, connectivity, keyId: keyUri("database"), logDestination, grants: [{ principal: principal("orders"), access: { level: "readwrite", user: "orders" } }] }, ctx("database"));
      const warehouse = azureWarehouse.create({ size: "small", connectivity, keyId: keyUri("warehouse"), logDestination, grants: [{ principal: principal("loader"), access: "read" }] }, ctx("warehouse"));
      const catalog = azureCatalog.create({ lake, keyId: keyUri("lake"), connectivity, logDestination }, ctx("catalog"));
      const artifacts = azureModelArtifacts.create({ keyId: keyUri("ml"), connectivity, noncurrentVersionRetentionDays: 30, logDestination }, ctx("artifacts"));
      const network = { networkId: out("vnet"), cidr: "10.0.0.0/16", privateSubnetIds: out(["nodes"]), dataStores: connectivity } as const;
      const serving = azureModelServing.create({
        models: [{ name: "ranker", port: 8080, replicas: { min: 1, max: 2 }, resources: { cpu: "1", memory: "2Gi" }, healthPath: "/healthz", readinessPath: "/ready", image: digest, serving: "managed", size: "small" }],
        network,
        registry: { repositoryUrls: { ranker: out(`${registryHost}/ranker`) }, host: out(registryHost) },
        environment: { ranker: [{ name: "PORT", value: "8080" }, { name: "AZURE_REGION", value: region }] },
        keyId: keyUri("ml"),
        logDestination,
        grants: [{ principal: principal("deploy"), access: "update" }],
      }, ctx("serving"));
      const frontend = azureFrontend.create({ name: "web", path: "web", ...(options.domain ? { domain: options.domain } : {}), keyId: keyUri("platform"), noncurrentVersionRetentionDays: 30, logDestination, grants: [{ principal: principal("deploy"), access: "publish" }] }, ctx("frontend"));
      return {
        zoneLocations: lake.zoneLocations, databaseHost: database.host, databaseName: database.databaseName, adminSecretRef: database.adminSecretRef, roleSetupSql: database.native.roleSetupSql,
        warehouseId: warehouse.warehouseId, warehouseEndpoint: warehouse.endpoint, catalogId: catalog.catalogId, artifacts: artifacts.location, modelEndpoints: serving.endpoints,
        frontendUrl: frontend.url, siteLocation: frontend.siteLocation, cdnId: frontend.cdnId,
      };
    },
  });
}
