import type { PlanResource } from "../../lib/plan/model.ts";
import { res } from "./fixtures.ts";
import { one, type Case, type Cases } from "./rule-case.ts";

/*
 * Azure cases, in the @pulumi/azure-native 3 input names the drivers record (checked against
 * node_modules/@pulumi/azure-native/<module>/*.d.ts). Offline, an ARM id a resource references is the referenced
 * resource's logical name (lib/plan/placeholders.ts); under the CLI it is the real id, which ends in the name.
 */

const azure = { cloud: "azure" } as const;
const ctx = { cloud: "azure" } as const;
const rg = "/subscriptions/s/resourceGroups/rg";
const role = (guid: string) => `/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
const blobDataReader = "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1";
const github = "https://token.actions.githubusercontent.com";
const aks = "https://westeurope.oic.prod-aks.azure.com/00000000-0000-0000-0000-000000000000/11111111-1111-1111-1111-111111111111/";
const fic = (change: Record<string, unknown>) => ({ resourceGroupName: "rg", resourceName: "deploy", issuer: github, subject: "repo:acme/shop:environment:prod", audiences: ["api://AzureADTokenExchange"], ...change });
const ficCase = (change: Record<string, unknown>): Case => one("azure-native:managedidentity:FederatedIdentityCredential", fic({}), fic(change), "azure");
const vault = (change: Record<string, unknown>) => ({
  resourceGroupName: "rg",
  vaultName: "acme-kv",
  properties: { tenantId: "t", sku: { family: "A", name: "premium" }, enablePurgeProtection: true, enableSoftDelete: true, enableRbacAuthorization: true, publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny", bypass: "AzureServices" }, ...change },
});
const nsg = (rules: unknown[]) => res("azure-native:network:NetworkSecurityGroup", "aks-nsg", { resourceGroupName: "rg", networkSecurityGroupName: "acme-aks-nsg", securityRules: rules });
const inbound = (source: Record<string, unknown>, access = "Allow") => ({ name: "https", direction: "Inbound", access, protocol: "Tcp", priority: 100, destinationPortRange: "443", destinationAddressPrefix: "*", ...source });
const securityRule = (name: string, source: string): PlanResource => res("azure-native:network:SecurityRule", name, { resourceGroupName: "rg", networkSecurityGroupName: "acme-aks-nsg", ...inbound({ sourceAddressPrefix: source }), name });
const cluster = (change: Record<string, unknown>) => ({ disableLocalAccounts: true, enableRBAC: true, aadProfile: { managed: true, enableAzureRBAC: true }, ...change });
const registry = res("azure-native:containerregistry:Registry", "acr", { registryName: "acmeacr", sku: { name: "Premium" } });
const pg = (name: string) => res("azure-native:dbforpostgresql:Server", name, { serverName: `acme-${name}` });
const tls = (server: string, value: string) => res("azure-native:dbforpostgresql:Configuration", `${server}-tls`, { resourceGroupName: "rg", serverName: `acme-${server}`, configurationName: "require_secure_transport", value, source: "user-override" });
const diagnostic = (name: string, resourceUri: string) => res("azure-native:monitor:DiagnosticSetting", name, { resourceUri, workspaceId: `${rg}/providers/Microsoft.OperationalInsights/workspaces/logs`, logs: [{ categoryGroup: "allLogs", enabled: true }] });
const storage = res("azure-native:storage:StorageAccount", "lake", { accountName: "acmelake", kind: "StorageV2" });
const endpoint = res("azure-native:cdn:AFDEndpoint", "site", { endpointName: "acme-site", profileName: "fd" });
const wafPolicy = (domains: string[]) => res("azure-native:cdn:SecurityPolicy", "waf", { profileName: "fd", parameters: { type: "WebApplicationFirewall", wafPolicy: { id: "site-waf" }, associations: [{ domains: domains.map((id) => ({ id })), patternsToMatch: ["/*"] }] } });

export const azureCases: Cases = {
  "encryption-at-rest-cmk": [
    one("azure-native:storage:StorageAccount", { encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName: "k", keyVaultUri: "https://v.vault.azure.net" }, requireInfrastructureEncryption: true } }, { encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: { keyName: "k", keyVaultUri: "https://v.vault.azure.net" } } }, "azure"),
    one("azure-native:containerregistry:Registry", { encryption: { status: "enabled", keyVaultProperties: { keyIdentifier: "https://v/keys/k", identity: "id" } } }, { encryption: { status: "enabled" } }, "azure"),
    one("azure-native:dbforpostgresql:Server", { dataEncryption: { type: "AzureKeyVault", primaryKeyURI: "https://v/keys/k", primaryUserAssignedIdentityId: "/id/db" } }, { dataEncryption: { type: "SystemManaged" } }, "azure"),
    one("azure-native:synapse:Workspace", { encryption: { cmk: { key: { name: "k", keyVaultUrl: "https://v/keys/k" } } } }, { encryption: { cmk: { key: { name: "k" } } } }, "azure"),
  ],
  "key-rotation": [
    one("azure-native:keyvault:Key", { properties: { rotationPolicy: { lifetimeActions: [{ action: { type: "Rotate" }, trigger: { timeAfterCreate: "P60D" } }] } } }, { properties: { rotationPolicy: { lifetimeActions: [{ action: { type: "Rotate" }, trigger: { timeAfterCreate: "P1Y" } }] } } }, "azure"),
    one(
      "azure-native:keyvault:Key",
      { properties: { rotationPolicy: { attributes: { expiryTime: "P90D" }, lifetimeActions: [{ action: { type: "Rotate" }, trigger: { timeBeforeExpiry: "P7D" } }] } } },
      { properties: { rotationPolicy: { attributes: { expiryTime: "P6M" }, lifetimeActions: [{ action: { type: "Rotate" }, trigger: { timeBeforeExpiry: "P7D" } }, { action: { type: "Notify" }, trigger: { timeBeforeExpiry: "P30D" } }] } } },
      "azure",
    ),
  ],
  "key-store-protection": [
    one("azure-native:keyvault:Vault", vault({}), vault({ enablePurgeProtection: false }), "azure"),
    one("azure-native:keyvault:Vault", vault({}), vault({ enableRbacAuthorization: false, accessPolicies: [{ objectId: "o", tenantId: "t", permissions: { keys: ["all"] } }] }), "azure"),
    one("azure-native:keyvault:Vault", vault({}), vault({ enableSoftDelete: false }), "azure"),
  ],
  "no-public-network-access": [
    one("azure-native:storage:StorageAccount", { publicNetworkAccess: "Disabled", networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" } }, { publicNetworkAccess: "Enabled", networkRuleSet: { defaultAction: "Deny" } }, "azure"),
    one("azure-native:storage:StorageAccount", { publicNetworkAccess: "Disabled", networkRuleSet: { defaultAction: "Deny" } }, { publicNetworkAccess: "Disabled", networkRuleSet: { defaultAction: "Allow" } }, "azure"),
    one("azure-native:containerregistry:Registry", { publicNetworkAccess: "Disabled" }, {}, "azure"),
    one("azure-native:keyvault:Vault", vault({}), vault({ publicNetworkAccess: "Enabled" }), "azure"),
    one("azure-native:keyvault:Vault", vault({}), vault({ networkAcls: { defaultAction: "Allow" } }), "azure"),
    one("azure-native:purview:Account", { publicNetworkAccess: "Disabled" }, { publicNetworkAccess: "Enabled" }, "azure"),
    one("azure-native:machinelearningservices:Workspace", { publicNetworkAccess: "Disabled" }, { publicNetworkAccess: "Enabled" }, "azure"),
    one("azure-native:machinelearningservices:OnlineEndpoint", { workspaceName: "ml", properties: { authMode: "AADToken", publicNetworkAccess: "Disabled" } }, { workspaceName: "ml", properties: { authMode: "AADToken" } }, "azure"),
  ],
  "no-public-principal": [one("azure-native:containerregistry:Registry", { anonymousPullEnabled: false }, { anonymousPullEnabled: true }, "azure")],
  "tls-in-transit": [
    one("azure-native:storage:StorageAccount", { minimumTlsVersion: "TLS1_2" }, { minimumTlsVersion: "TLS1_1" }, "azure"),
    one("azure-native:cdn:Route", { httpsRedirect: "Enabled", forwardingProtocol: "HttpsOnly", supportedProtocols: ["Http", "Https"] }, { httpsRedirect: "Enabled", forwardingProtocol: "MatchRequest" }, "azure"),
    one("azure-native:cdn:AFDCustomDomain", { hostName: "www.acme.example", tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" } }, { hostName: "www.acme.example", tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS10" } }, "azure"),
  ],
  "database-ssl": [
    { ...azure, pass: [pg("db"), tls("db", "on")], fail: [pg("db")] },
    { ...azure, pass: [pg("db"), tls("db", "ON")], fail: [pg("db"), tls("other", "on")] },
    { ...azure, pass: [pg("db"), tls("db", "on")], fail: [pg("db"), tls("db", "off")] },
  ],
  "audit-logging": [
    { ...azure, ctx, pass: [storage, diagnostic("lake-diag", `${rg}/providers/Microsoft.Storage/storageAccounts/acmelake/blobServices/default`)], fail: [storage, diagnostic("lake-diag", `${rg}/providers/Microsoft.Storage/storageAccounts/acmelakeraw/blobServices/default`)] },
    { ...azure, ctx, pass: [registry, diagnostic("acr-diag", "acr")], fail: [registry, res("azure-native:monitor:DiagnosticSetting", "acr-diag", { resourceUri: "acr", storageAccountId: "archive" })] },
    {
      ...azure,
      ctx,
      pass: [res("azure-native:keyvault:Vault", "kv", vault({})), pg("db"), diagnostic("kv-diag", "kv"), diagnostic("db-diag", `${rg}/providers/Microsoft.DBforPostgreSQL/flexibleServers/acme-db`)],
      fail: [res("azure-native:keyvault:Vault", "kv", vault({})), pg("db"), diagnostic("kv-diag", "kv")],
    },
  ],
  "no-wildcard-iam": [
    one("azure-native:authorization:RoleDefinition", { permissions: [{ actions: ["Microsoft.ContainerRegistry/registries/push/write"] }] }, { permissions: [{ actions: ["Microsoft.ContainerRegistry/*"] }] }, "azure"),
    one("azure-native:authorization:RoleDefinition", { permissions: [{ dataActions: ["Microsoft.Storage/storageAccounts/blobServices/containers/blobs/read"] }] }, { permissions: [{ dataActions: ["*"] }] }, "azure"),
  ],
  "no-privileged-roles": [
    one("azure-native:authorization:RoleAssignment", { roleDefinitionId: role(blobDataReader), scope: `${rg}/providers/Microsoft.Storage/storageAccounts/acmelake`, principalId: "p" }, { roleDefinitionId: role(blobDataReader), scope: "/subscriptions/s", principalId: "p" }, "azure"),
    one("azure-native:authorization:RoleAssignment", { roleDefinitionId: role(blobDataReader), scope: rg, principalId: "p" }, { roleDefinitionId: role(blobDataReader), scope: "/providers/Microsoft.Management/managementGroups/acme", principalId: "p" }, "azure"),
    one("azure-native:authorization:RoleAssignment", { roleDefinitionId: role(blobDataReader), scope: rg, principalId: "p" }, { roleDefinitionId: role("b24988ac-6180-42a0-ab88-20f7382dd24c"), scope: rg, principalId: "p" }, "azure"),
    one("azure-native:authorization:RoleAssignment", { roleDefinitionId: role(blobDataReader), scope: rg, principalId: "p" }, { roleDefinitionId: role("18D7D88D-D35E-4FB5-A5C3-7773C20A72D9"), scope: rg, principalId: "p" }, "azure"),
    one("azure-native:authorization:RoleAssignment", { roleDefinitionId: role(blobDataReader), scope: rg, principalId: "p" }, { roleDefinitionId: role("f58310d9-a9f6-439a-9e8d-f62e7b41a168"), scope: rg, principalId: "p" }, "azure"),
    one("azure-native:authorization:RoleAssignment", { roleDefinitionId: role(blobDataReader), scope: rg, principalId: "p" }, { roleDefinitionId: role(blobDataReader), principalId: "p" }, "azure"),
  ],
  "ci-identity-federated": [
    ficCase({ subject: "repo:acme/shop:*" }),
    ficCase({ subject: "repo:acme/*:environment:prod" }),
    ficCase({ audiences: ["api://AzureADTokenExchange", "sts.amazonaws.com"] }),
    ficCase({ issuer: "https://token.example.com" }),
    ficCase({ issuer: "https://token.actions.githubusercontent.com.evil.example" }),
    one("azure-native:managedidentity:FederatedIdentityCredential", fic({ subject: "repo:acme/shop:ref:refs/heads/main" }), fic({ subject: "repo:acme/shop:ref:refs/heads/*" }), "azure"),
    one("azure-native:managedidentity:FederatedIdentityCredential", fic({ issuer: aks, subject: "system:serviceaccount:shop:api" }), fic({ issuer: aks, subject: "system:serviceaccount:shop:*" }), "azure"),
  ],
  "no-long-lived-credentials": [
    one("azure-native:containerservice:ManagedCluster", cluster({}), cluster({ disableLocalAccounts: false }), "azure"),
    one("azure-native:containerservice:ManagedCluster", cluster({}), cluster({ aadProfile: { managed: true } }), "azure"),
    one("azure-native:containerservice:ManagedCluster", cluster({}), cluster({ enableRBAC: false }), "azure"),
    one("azure-native:containerregistry:Registry", { adminUserEnabled: false }, { adminUserEnabled: true }, "azure"),
    one("azure-native:machinelearningservices:OnlineEndpoint", { properties: { authMode: "AMLToken" } }, { properties: { authMode: "Key" } }, "azure"),
  ],
  "no-internet-ingress": [
    { ...azure, pass: [nsg([inbound({ sourceAddressPrefix: "VirtualNetwork" })])], fail: [nsg([inbound({ sourceAddressPrefix: "Internet" })])] },
    { ...azure, pass: [nsg([inbound({ sourceAddressPrefix: "*" }, "Deny")])], fail: [nsg([inbound({ sourceAddressPrefix: "*" })])] },
    { ...azure, pass: [nsg([inbound({ sourceAddressPrefixes: ["203.0.113.0/24", "10.0.0.0/8"] })])], fail: [nsg([inbound({ sourceAddressPrefixes: ["0.0.0.0/0"] })])] },
    { ...azure, pass: [nsg([{ ...inbound({ sourceAddressPrefix: "*" }), direction: "Outbound" }])], fail: [nsg([]), securityRule("a", "0.0.0.0/1"), securityRule("b", "128.0.0.0/1")] },
    { ...azure, pass: [securityRule("a", "0.0.0.0/1")], fail: [securityRule("a", "Any")] },
  ],
  "registry-immutable-scanned": [
    { ...azure, pass: [registry, res("azure-native:security:Pricing", "defender", { pricingName: "Containers", pricingTier: "Standard", scopeId: "/subscriptions/s" })], fail: [registry, res("azure-native:security:Pricing", "defender", { pricingName: "Containers", pricingTier: "Free", scopeId: "/subscriptions/s" })] },
  ],
  "cdn-waf": [
    { ...azure, pass: [endpoint, wafPolicy([`${rg}/providers/Microsoft.Cdn/profiles/fd/afdEndpoints/acme-site`])], fail: [endpoint, wafPolicy(["other-endpoint"])] },
    { ...azure, pass: [endpoint, wafPolicy(["site"])], fail: [endpoint] },
  ],
  "k8s-default-deny-network-policy": [
    one("azure-native:containerservice:ManagedCluster", { networkProfile: { networkPlugin: "azure", networkPolicy: "cilium", networkDataplane: "cilium" } }, { networkProfile: { networkPlugin: "azure", networkPolicy: "none" } }, "azure"),
  ],
  "data-residency": [
    one("azure-native:dbforpostgresql:Server", { location: "westeurope" }, { location: "northeurope" }, "azure", { allowedRegions: ["westeurope"] }),
    one("azure-native:containerservice:ManagedCluster", { location: "West Europe" }, { location: "UK South" }, "azure", { allowedRegions: ["westeurope"] }),
  ],
};
