import { beforeAll, describe, expect, test } from "vitest";
import type { Recording } from "../../../lib/plan/record.ts";
import type { PlanResource } from "../../../lib/plan/model.ts";
import { blockingViolations, evaluatePlan } from "../../../policy/evaluate.ts";
import { diagnosedAzureTypes } from "../../../policy/rules/audit.ts";
import { context } from "../../../test/policy/fixtures.ts";
import { azureRoles } from "../../../lib/permissions/azure-roles.ts";
import { siteUploadAccess, siteInvalidateAccess } from "../../../workflows/cloud-access.ts";
import { builtInRoles } from "./role-assignment.ts";
import { digest, keyUri, principalGuid, recordAzureData, registryHost, resourceGroup, subscriptionId, tags, tenantId, workspaceId } from "./testing/data-plan.ts";

/*
 * The Azure data, ML and web drivers recorded under the mock runtime on a fake network handle: every secure
 * default and grant asserted on the inputs ARM would receive, and the policy pack run over them.
 */

const group = `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}`;
const role = (name: keyof typeof builtInRoles) => `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${builtInRoles[name]}`;
let prod: Recording;
let dev: Recording;
beforeAll(async () => {
  prod = await recordAzureData({ environment: "prod", highAvailability: true, domain: "www.acme.example.com" });
  dev = await recordAzureData({ environment: "dev", highAvailability: false });
});

const all = (plan: Recording, type: string) => plan.resources.filter((r) => r.type === `azure-native:${type}`);
const one = (plan: Recording, type: string, name: string): PlanResource => {
  const found = all(plan, type).find((r) => r.name === name);
  if (!found) throw new Error(`no ${type} ${name}: ${all(plan, type).map((r) => r.name).join(", ")}`);
  return found;
};
const inputs = (type: string, name: string) => one(prod, type, name).inputs;
const assignment = (name: string) => inputs("authorization:RoleAssignment", name);
const principalId = principalGuid;
/** A user-assigned identity's id: its name offline here, its ARM id under the Azure core's offline answers. */
const identity = (name: string) => expect.stringMatching(new RegExp(`(^|/userAssignedIdentities/)${name}$`));

describe("the policy pack on the recorded resources", () => {
  const prodContext = context({ stack: "prod-azure", cloud: "azure", region: "eastus2", allowedRegions: ["eastus2"] });

  test("prod: no violation at all, mandatory or advisory", () => {
    expect(evaluatePlan(prod.resources, prodContext, [], new Date()).violations).toEqual([]);
  });

  test("dev: no mandatory violation", () => {
    expect(blockingViolations(evaluatePlan(dev.resources, { ...prodContext, stack: "dev-azure", environment: "dev" }, [], new Date()).violations)).toEqual([]);
  });

  test("the rules see these resources: without the TLS parameter or the server's diagnostic setting they fail", () => {
    const without = (drop: (r: PlanResource) => boolean) => blockingViolations(evaluatePlan(prod.resources.filter((r) => !drop(r)), prodContext, [], new Date()).violations).map((v) => v.rule);
    expect(without((r) => r.name === "acme-prod-orders-require-secure-transport")).toEqual(["database-ssl"]);
    expect(without((r) => r.name === "acme-prod-orders-diagnostics")).toEqual(["audit-logging"]);
  });

  test("every diagnosed service has its diagnostic setting to the workspace, and every resource is in the stack's group", () => {
    const settings = all(prod, "monitor:DiagnosticSetting");
    expect(settings.every((s) => s.inputs["workspaceId"] === workspaceId)).toBe(true);
    const services = prod.resources.filter((r) => diagnosedAzureTypes.includes(r.type));
    expect(services).toHaveLength(11);
    const grouped = prod.resources.filter((r) => "resourceGroupName" in r.inputs);
    expect(new Set(grouped.map((r) => r.inputs["resourceGroupName"]))).toEqual(new Set([resourceGroup]));
  });

  test("every taggable resource carries the platform's tags (the one transform)", () => {
    for (const name of ["acme-prod-lake", "acme-prod-orders", "acme-prod-warehouse", "acme-prod-catalog", "acme-prod-ml", "acme-prod-site-fd"]) {
      const tagged = prod.resources.find((r) => r.name === name);
      expect(tagged?.inputs["tags"], name).toEqual(tags);
    }
  });
});

describe("storage accounts (lake, artifacts, site, warehouse, ML)", () => {
  test("each states every secure default", () => {
    const accounts = all(prod, "storage:StorageAccount");
    expect(accounts.map((a) => a.name).sort()).toEqual(["acme-prod-lake", "acme-prod-ml", "acme-prod-models", "acme-prod-site", "acme-prod-warehouse"]);
    for (const account of accounts) {
      expect(account.inputs, account.name).toMatchObject({
        allowSharedKeyAccess: false, allowBlobPublicAccess: false, minimumTlsVersion: "TLS1_2", enableHttpsTrafficOnly: true, publicNetworkAccess: "Disabled",
        networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices", ipRules: [], virtualNetworkRules: [] }, allowCrossTenantReplication: false, defaultToOAuthAuthentication: true,
        encryption: { keySource: "Microsoft.Keyvault", requireInfrastructureEncryption: true, encryptionIdentity: { encryptionUserAssignedIdentity: identity(`${account.name}-key-user`) } },
        identity: { type: "UserAssigned", userAssignedIdentities: [identity(`${account.name}-key-user`)] },
      });
    }
  });

  test("the lake is Data Lake Gen2 under the lake key, versioned, soft-deleted, a private container per zone", () => {
    expect(inputs("storage:StorageAccount", "acme-prod-lake")).toMatchObject({ isHnsEnabled: true, encryption: { keyVaultProperties: { keyName: "lake", keyVaultUri: "https://acme-prod-kv.vault.azure.net/" } } });
    expect(inputs("storage:BlobServiceProperties", "acme-prod-lake-blob-service")).toMatchObject({ isVersioningEnabled: true, deleteRetentionPolicy: { enabled: true, days: 30 }, containerDeleteRetentionPolicy: { enabled: true, days: 30 } });
    for (const zone of ["raw", "curated"]) expect(inputs("storage:BlobContainer", `acme-prod-lake-${zone}`)).toMatchObject({ containerName: zone, publicAccess: "None" });
    expect(assignment("acme-prod-lake-key-user")).toMatchObject({ roleDefinitionId: role("Key Vault Crypto Service Encryption User"), scope: `${group}/providers/Microsoft.KeyVault/vaults/acme-prod-kv/keys/lake` });
  });

  test("the lake is reached by its blob and dfs private endpoints, registered in their zones", () => {
    const endpoint = (group: string) => inputs("network:PrivateEndpoint", `acme-prod-lake-${group}-pe`);
    expect(endpoint("blob")["privateLinkServiceConnections"]).toEqual([expect.objectContaining({ privateLinkServiceId: expect.stringMatching(/\/storageAccounts\/acmeprodlake$/), groupIds: ["blob"] })]);
    expect(endpoint("dfs")["privateLinkServiceConnections"]).toEqual([expect.objectContaining({ groupIds: ["dfs"] })]);
    expect(inputs("network:PrivateDnsZoneGroup", "acme-prod-lake-dfs-pe-dns")["privateDnsZoneConfigs"]).toEqual([{ name: "privatelink-dfs-core-windows-net", privateDnsZoneId: `${group}/providers/Microsoft.Network/privateDnsZones/privatelink.dfs.core.windows.net` }]);
  });

  test("lake grants: Reader or Contributor on exactly the granted zone's container", () => {
    const container = (zone: string) => expect.stringMatching(new RegExp(`/storageAccounts/acmeprodlake/blobServices/default/containers/${zone}$`));
    expect(assignment("acme-prod-api-lake-curated")).toMatchObject({ principalId: principalId("api"), roleDefinitionId: role("Storage Blob Data Reader"), scope: container("curated"), principalType: "ServicePrincipal" });
    expect(assignment("acme-prod-loader-lake-raw")).toMatchObject({ principalId: principalId("loader"), roleDefinitionId: role("Storage Blob Data Contributor"), scope: container("raw") });
    expect(all(prod, "authorization:RoleAssignment").filter((r) => r.name.includes("-lake-") && !r.name.endsWith("key-user"))).toHaveLength(2);
  });

  test("zone locations and the artifacts' location are the containers' URLs", async () => {
    expect(prod.outputs["zoneLocations"]).toEqual({ raw: expect.stringMatching(/^https:\/\/acmeprodlake\.blob\.core\.windows\.net\/raw$/), curated: expect.stringMatching(/\/curated$/) });
    expect(prod.outputs["artifacts"]).toMatch(/^https:\/\/acmeprodmodels\.blob\.core\.windows\.net\/models$/);
  });
});

describe("the database", () => {
  test("Flexible Server: private access, Entra only, CMK, backups; zone-redundant and geo-redundant with highAvailability", () => {
    expect(inputs("dbforpostgresql:Server", "acme-prod-orders")).toMatchObject({
      network: { publicNetworkAccess: "Disabled", delegatedSubnetResourceId: `${group}/providers/Microsoft.Network/virtualNetworks/acme-vnet/subnets/postgres`, privateDnsZoneArmResourceId: `${group}/providers/Microsoft.Network/privateDnsZones/privatelink.postgres.database.azure.com` },
      authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId },
      dataEncryption: { type: "AzureKeyVault", primaryKeyURI: keyUri("database"), primaryUserAssignedIdentityId: identity("acme-prod-orders-key-user") },
      identity: { type: "UserAssigned" },
      backup: { backupRetentionDays: 30, geoRedundantBackup: "Enabled" },
      highAvailability: { mode: "ZoneRedundant" },
      storage: { storageSizeGB: 32, autoGrow: "Enabled" },
    });
    expect(Object.keys(inputs("dbforpostgresql:Server", "acme-prod-orders")["identity"] as { userAssignedIdentities: object }).length).toBe(2);
    expect(Object.keys((inputs("dbforpostgresql:Server", "acme-prod-orders")["identity"] as { userAssignedIdentities: object }).userAssignedIdentities)).toEqual([identity("acme-prod-orders-key-user")]);
    expect(one(dev, "dbforpostgresql:Server", "acme-dev-orders").inputs).toMatchObject({ backup: { geoRedundantBackup: "Disabled" }, highAvailability: { mode: "Disabled" } });
    expect(inputs("dbforpostgresql:Server", "acme-prod-orders")).not.toHaveProperty("administratorLoginPassword");
  });

  test("TLS required, 1.2 at least, connections logged", () => {
    const parameters = Object.fromEntries(all(prod, "dbforpostgresql:Configuration").map((c) => [c.inputs["configurationName"], c.inputs["value"]]));
    expect(parameters).toEqual({ require_secure_transport: "on", ssl_min_protocol_version: "TLSv1.2", log_connections: "on", log_disconnections: "on" });
  });

  test("the Entra administrator is the stack's admin identity; each grant maps its principal to the role named by its user", () => {
    expect(inputs("dbforpostgresql:Administrator", "acme-prod-orders-entra-admin")).toMatchObject({ principalType: "ServicePrincipal", principalName: "acme-prod-orders-admin", tenantId, serverName: "acme-prod-orders" });
    expect(prod.outputs["roleSetupSql"]).toBe(`SELECT * FROM pgaadauth_create_principal_with_oid('orders', '${principalId("orders")}', 'service', false, false);`);
    expect(prod.outputs["adminSecretRef"]).toBe("[secret]");
    expect(prod.outputs["databaseHost"]).toBe("acme-prod-orders.postgres.database.offline.invalid");
  });
});

describe("warehouse and catalog", () => {
  test("Synapse: managed VNet, exfiltration prevented, public access off, Entra only, CMK activated, private endpoints", () => {
    expect(inputs("synapse:Workspace", "acme-prod-warehouse")).toMatchObject({
      managedVirtualNetwork: "default", managedVirtualNetworkSettings: { preventDataExfiltration: true, allowedAadTenantIdsForLinking: [tenantId] }, publicNetworkAccess: "Disabled", azureADOnlyAuthentication: true,
      encryption: { cmk: { key: { name: "warehouse", keyVaultUrl: keyUri("warehouse") }, kekIdentity: { userAssignedIdentity: identity("acme-prod-warehouse-ws-key-user") } } },
    });
    expect(inputs("synapse:Workspace", "acme-prod-warehouse")).not.toHaveProperty("sqlAdministratorLoginPassword");
    expect(inputs("synapse:Key", "acme-prod-warehouse-key")).toMatchObject({ isActiveCMK: true, keyVaultUrl: keyUri("warehouse") });
    for (const g of ["sqlondemand", "dev"]) expect(inputs("network:PrivateEndpoint", `acme-prod-warehouse-${g}-pe`)["privateLinkServiceConnections"]).toEqual([expect.objectContaining({ privateLinkServiceId: `${group}/providers/Microsoft.Synapse/workspaces/acme-prod-warehouse` })]);
    expect(assignment("acme-prod-loader-warehouse")).toMatchObject({ principalId: principalId("loader"), roleDefinitionId: role("Storage Blob Data Reader"), scope: expect.stringMatching(/\/containers\/warehouse$/) });
    expect(prod.outputs["warehouseEndpoint"]).toBe("acme-prod-warehouse-ondemand.sql.azuresynapse.offline.invalid");
  });

  test("Purview: public access off for it and its managed resources, private endpoints, read on each zone's container only", () => {
    expect(inputs("purview:Account", "acme-prod-catalog")).toMatchObject({ publicNetworkAccess: "Disabled", managedResourcesPublicNetworkAccess: "Disabled", managedEventHubState: "Disabled" });
    for (const g of ["account", "portal"]) expect(inputs("network:PrivateEndpoint", `acme-prod-catalog-${g}-pe`)["privateLinkServiceConnections"]).toEqual([expect.objectContaining({ groupIds: [g] })]);
    expect(assignment("acme-prod-catalog-scans-raw")).toMatchObject({ roleDefinitionId: role("Storage Blob Data Reader"), scope: expect.stringMatching(new RegExp(`^${group}/providers/Microsoft.Storage/storageAccounts/acmeprodlake/blobServices/default/containers/raw$`)) });
  });
});

describe("model serving", () => {
  test("the workspace: public access off, approved outbound only, CMK, identity-based storage, the stack's vault and registry", () => {
    expect(inputs("machinelearningservices:Workspace", "acme-prod-ml")).toMatchObject({
      publicNetworkAccess: "Disabled", allowPublicAccessWhenBehindVnet: false, managedNetwork: { isolationMode: "AllowOnlyApprovedOutbound" }, systemDatastoresAuthMode: "identity",
      encryption: { status: "Enabled", keyVaultProperties: { keyIdentifier: keyUri("ml"), keyVaultArmId: `${group}/providers/Microsoft.KeyVault/vaults/acme-prod-kv` }, identity: { userAssignedIdentity: identity("acme-prod-ml-ws-key-user") } },
      keyVault: `${group}/providers/Microsoft.KeyVault/vaults/acme-prod-kv`, containerRegistry: `${group}/providers/Microsoft.ContainerRegistry/registries/acmeprodacr`,
    });
    expect(inputs("network:PrivateEndpoint", "acme-prod-ml-workspace-pe")["privateLinkServiceConnections"]).toEqual([expect.objectContaining({ groupIds: ["amlworkspace"] })]);
  });

  test("the endpoint takes Entra tokens only, no public access; the deployment runs <repository>@<digest> with the tier's environment", () => {
    expect(inputs("machinelearningservices:OnlineEndpoint", "acme-prod-ranker-endpoint")["properties"]).toMatchObject({ authMode: "AADToken", publicNetworkAccess: "Disabled" });
    expect(inputs("machinelearningservices:EnvironmentVersion", "acme-prod-ranker-env-bbbbbbbbbbbb")["properties"]).toMatchObject({ image: `${registryHost}/ranker@${digest}` });
    expect(inputs("machinelearningservices:OnlineDeployment", "acme-prod-ranker-deployment")["properties"]).toMatchObject({ environmentVariables: { PORT: "8080", AZURE_REGION: "eastus2" }, egressPublicNetworkAccess: "Disabled", environmentId: expect.stringMatching(/\/environments\/ranker\/versions\/bbbbbbbbbbbb$/) });
    expect(assignment("acme-prod-ranker-endpoint-pull")).toMatchObject({ roleDefinitionId: role("AcrPull"), scope: `${group}/providers/Microsoft.ContainerRegistry/registries/acmeprodacr` });
  });

  test("the deploy identity is AzureML Data Scientist on the endpoint, which is what modelEndpoints names", () => {
    const endpoint = `${group}/providers/Microsoft.MachineLearningServices/workspaces/acme-prod-ml/onlineEndpoints/acme-prod-ranker`;
    expect(assignment("acme-prod-deploy-model-ranker")).toMatchObject({ principalId: principalId("deploy"), roleDefinitionId: role("AzureML Data Scientist"), scope: endpoint });
    expect(prod.outputs["modelEndpoints"]).toEqual({ ranker: endpoint });
    expect(azureRoles.find((r) => r.role === "AzureML Data Scientist")?.grants.some((g) => g.startsWith("Microsoft.MachineLearningServices/workspaces/*/write"))).toBe(true);
  });
});

describe("the front end", () => {
  test("Front Door Premium: HTTPS only to viewers and origin, TLS 1.2 managed certificate, private link origin, WAF in Prevention on every domain", () => {
    expect(inputs("cdn:Profile", "acme-prod-site-fd")["sku"]).toEqual({ name: "Premium_AzureFrontDoor" });
    expect(inputs("cdn:Route", "acme-prod-site-route")).toMatchObject({ httpsRedirect: "Enabled", forwardingProtocol: "HttpsOnly", supportedProtocols: ["Http", "Https"], customDomains: [{ id: `${group}/providers/Microsoft.Cdn/profiles/acme-prod-site-fd/customDomains/www-acme-example-com` }] });
    expect(inputs("cdn:AFDCustomDomain", "acme-prod-site-domain")).toMatchObject({ hostName: "www.acme.example.com", tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" } });
    expect(inputs("cdn:AFDOrigin", "acme-prod-site-origin")).toMatchObject({ hostName: expect.stringMatching(/^acmeprodsite\.(z\d+\.)?web\.offline\.invalid$/), enforceCertificateNameCheck: true, sharedPrivateLinkResource: { groupId: "web", privateLink: { id: expect.stringMatching(/\/storageAccounts\/acmeprodsite$/) } } });
    expect(inputs("frontdoor:Policy", "acme-prod-site-waf")).toMatchObject({ policySettings: { enabledState: "Enabled", mode: "Prevention" }, managedRules: { managedRuleSets: [expect.objectContaining({ ruleSetType: "Microsoft_DefaultRuleSet" }), expect.objectContaining({ ruleSetType: "Microsoft_BotManagerRuleSet" })] } });
    const associations = (inputs("cdn:SecurityPolicy", "acme-prod-site-waf-policy")["parameters"] as { associations: { domains: { id: string }[] }[] }).associations;
    expect(associations[0]?.domains.map((d) => d.id)).toEqual([String(prod.outputs["cdnId"]), `${group}/providers/Microsoft.Cdn/profiles/acme-prod-site-fd/customDomains/www-acme-example-com`]);
    expect(inputs("storage:StorageAccountStaticWebsite", "acme-prod-site-website")).toMatchObject({ indexDocument: "index.html" });
  });

  test("the publisher: Blob Data Contributor on $web as the upload step scopes it, and only the purge role on the endpoint", () => {
    const [upload] = siteUploadAccess("azure");
    const siteScope = `${String(prod.outputs["siteLocation"])}${upload?.resource && typeof upload.resource === "object" ? (upload.resource as { suffix?: string }).suffix ?? "" : ""}`;
    expect(siteScope).toMatch(/\/storageAccounts\/acmeprodsite\/blobServices\/default\/containers\/\$web$/);
    expect(assignment("acme-prod-deploy-site-upload")).toMatchObject({ principalId: principalId("deploy"), roleDefinitionId: role("Storage Blob Data Contributor"), scope: siteScope });
    const purger = azureRoles.find((r) => r.role === "custom:stratum Front Door purger");
    expect(inputs("authorization:RoleDefinition", "acme-prod-site-purger")["permissions"]).toEqual([{ actions: purger?.grants, notActions: [], dataActions: [], notDataActions: [] }]);
    expect(purger?.grants).toContain(siteInvalidateAccess("azure")[0]?.action);
    const purge = assignment("acme-prod-deploy-site-purge");
    expect(purge).toMatchObject({ principalId: principalId("deploy"), scope: prod.outputs["cdnId"] });
    expect(Object.values(builtInRoles).some((guid) => String(purge["roleDefinitionId"]).endsWith(guid))).toBe(false);
    expect(prod.outputs["frontendUrl"]).toBe("https://www.acme.example.com");
    expect(dev.outputs["frontendUrl"]).toMatch(/^https:\/\/acme-dev-site-[0-9a-f]{8}\.z01\.azurefd\.offline\.invalid$/);
  });
});
