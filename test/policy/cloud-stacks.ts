import type { PlanResource } from "../../lib/plan/model.ts";
import { tagPropertyOf } from "../../components/tags/taggable.ts";
import { res, tags } from "./fixtures.ts";

/*
 * A secure GCP stack and a secure Azure stack shaped like the reference architecture's tables, in the SDKs' input
 * names, passing every rule in prod: what the drivers' plans must look like to the rules. Every taggable type gets
 * the required tags under the property its SDK declares (labels, resourceLabels, tags).
 */

function tagged(type: string, name: string, inputs: Record<string, unknown>): PlanResource {
  const property = tagPropertyOf(type);
  return res(type, name, property === undefined || property.includes(".") ? inputs : { ...inputs, [property]: tags });
}

const region = "europe-west1";
const key = `projects/p/locations/${region}/keyRings/platform/cryptoKeys/data`;

export function secureGcpStack(): PlanResource[] {
  const bucket = (name: string, extra: Record<string, unknown> = {}) =>
    tagged("gcp:storage/bucket:Bucket", name, { name: `acme-${name}`, location: region, publicAccessPrevention: "enforced", uniformBucketLevelAccess: true, versioning: { enabled: true }, encryption: { defaultKmsKeyName: key }, forceDestroy: false, ...extra });
  return [
    res("pulumi:providers:gcp", "gcp", { project: "p", region }),
    tagged("gcp:kms/keyRing:KeyRing", "platform", { name: "platform", location: region }),
    tagged("gcp:kms/cryptoKey:CryptoKey", "data", { name: "data", keyRing: "platform", rotationPeriod: "7776000s" }),
    res("gcp:projects/iAMAuditConfig:IAMAuditConfig", "audit", { project: "p", service: "allServices", auditLogConfigs: [{ logType: "ADMIN_READ" }, { logType: "DATA_READ" }, { logType: "DATA_WRITE" }] }),
    bucket("audit", { retentionPolicy: { retentionPeriod: "31536000", isLocked: true } }),
    res("gcp:logging/projectSink:ProjectSink", "audit-sink", { name: "audit", destination: "storage.googleapis.com/acme-audit", uniqueWriterIdentity: true }),
    res("gcp:compute/network:Network", "vpc", { name: "vpc", autoCreateSubnetworks: false }),
    res("gcp:compute/subnetwork:Subnetwork", "nodes", { network: "vpc", region, ipCidrRange: "10.0.0.0/20", privateIpGoogleAccess: true, logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5 } }),
    res("gcp:compute/firewall:Firewall", "health-checks", { network: "vpc", direction: "INGRESS", allows: [{ protocol: "tcp", ports: ["8080"] }], sourceRanges: ["35.191.0.0/16", "130.211.0.0/22"] }),
    tagged("gcp:container/cluster:Cluster", "cluster", {
      location: region,
      deletionProtection: true,
      privateClusterConfig: { enablePrivateEndpoint: true, enablePrivateNodes: true, masterIpv4CidrBlock: "172.16.0.0/28" },
      masterAuthorizedNetworksConfig: { cidrBlocks: [{ cidrBlock: "10.0.0.0/20", displayName: "nodes" }] },
      databaseEncryption: { state: "ENCRYPTED", keyName: key },
      workloadIdentityConfig: { workloadPool: "p.svc.id.goog" },
      datapathProvider: "ADVANCED_DATAPATH",
    }),
    tagged("gcp:artifactregistry/repository:Repository", "api", { location: region, repositoryId: "api", format: "DOCKER", mode: "STANDARD_REPOSITORY", kmsKeyName: key, dockerConfig: { immutableTags: true }, vulnerabilityScanningConfig: { enablementConfig: "INHERITED" } }),
    tagged("gcp:sql/databaseInstance:DatabaseInstance", "db", {
      region,
      databaseVersion: "POSTGRES_16",
      encryptionKeyName: key,
      deletionProtection: true,
      settings: { userLabels: tags, tier: "db-custom-2-7680", availabilityType: "REGIONAL", ipConfiguration: { ipv4Enabled: false, privateNetwork: "vpc", sslMode: "ENCRYPTED_ONLY" }, backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true } },
    }),
    bucket("lake-raw"),
    res("gcp:storage/bucketIAMMember:BucketIAMMember", "etl-reads-raw", { bucket: "acme-lake-raw", role: "roles/storage.objectViewer", member: "serviceAccount:etl@p.iam.gserviceaccount.com" }),
    tagged("gcp:bigquery/dataset:Dataset", "warehouse", { datasetId: "warehouse", location: region, defaultEncryptionConfiguration: { kmsKeyName: key }, deleteContentsOnDestroy: false }),
    res("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", "github", {
      workloadIdentityPoolId: "github",
      workloadIdentityPoolProviderId: "github",
      oidc: { issuerUri: "https://token.actions.githubusercontent.com" },
      attributeMapping: { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository", "attribute.environment": "assertion.environment" },
      attributeCondition: "assertion.repository == 'acme/shop' && assertion.environment == 'prod'",
    }),
    res("gcp:serviceaccount/iAMMember:IAMMember", "deploy-wif", { serviceAccountId: "deploy", role: "roles/iam.workloadIdentityUser", member: "principalSet://iam.googleapis.com/projects/1/locations/global/workloadIdentityPools/github/attribute.environment/prod" }),
    tagged("gcp:vertex/aiEndpoint:AiEndpoint", "model", { name: "model", displayName: "model", location: region, network: "projects/1/global/networks/vpc", encryptionSpec: { kmsKeyName: key } }),
    bucket("site"),
    res("gcp:compute/backendBucket:BackendBucket", "site", { bucketName: "acme-site", enableCdn: true, edgeSecurityPolicy: "site-edge" }),
    res("gcp:compute/sSLPolicy:SSLPolicy", "tls12", { minTlsVersion: "TLS_1_2", profile: "MODERN" }),
    res("gcp:compute/uRLMap:URLMap", "site", { defaultService: "site" }),
    res("gcp:compute/targetHttpsProxy:TargetHttpsProxy", "site-https", { urlMap: "site", sslCertificates: ["site-cert"], sslPolicy: "tls12" }),
    res("gcp:compute/uRLMap:URLMap", "site-redirect", { defaultUrlRedirect: { httpsRedirect: true, stripQuery: false } }),
    res("gcp:compute/targetHttpProxy:TargetHttpProxy", "site-http", { urlMap: "site-redirect" }),
  ];
}

const location = "westeurope";
const rg = "/subscriptions/s/resourceGroups/rg";
const vaultKey = { keyName: "data", keyVaultUri: "https://acme-kv.vault.azure.net" };
const keyId = "https://acme-kv.vault.azure.net/keys/data";
const privateOnly = { publicNetworkAccess: "Disabled" };

export function secureAzureStack(): PlanResource[] {
  const diagnosed = ["lake", "acr", "kv", "db", "warehouse", "catalog", "ml", "model", "cluster", "fd"];
  return [
    res("pulumi:providers:azure-native", "azure", { location }),
    tagged("azure-native:resources:ResourceGroup", "rg", { location }),
    tagged("azure-native:network:VirtualNetwork", "vnet", { location, resourceGroupName: "rg", virtualNetworkName: "acme-vnet", addressSpace: { addressPrefixes: ["10.0.0.0/16"] } }),
    tagged("azure-native:network:FlowLog", "vnet-flow", { location, resourceGroupName: "NetworkWatcherRG", networkWatcherName: "nw", targetResourceId: `${rg}/providers/Microsoft.Network/virtualNetworks/acme-vnet`, storageId: "lake", enabled: true }),
    tagged("azure-native:network:NetworkSecurityGroup", "nodes-nsg", { location, resourceGroupName: "rg", securityRules: [{ name: "vnet-https", direction: "Inbound", access: "Allow", protocol: "Tcp", priority: 100, sourceAddressPrefix: "VirtualNetwork", destinationAddressPrefix: "*", destinationPortRange: "443" }] }),
    tagged("azure-native:keyvault:Vault", "kv", { location, resourceGroupName: "rg", vaultName: "acme-kv", properties: { tenantId: "t", sku: { family: "A", name: "premium" }, enablePurgeProtection: true, enableSoftDelete: true, enableRbacAuthorization: true, networkAcls: { defaultAction: "Deny", bypass: "AzureServices" }, ...privateOnly } }),
    tagged("azure-native:keyvault:Key", "data", { resourceGroupName: "rg", vaultName: "acme-kv", properties: { kty: "RSA", rotationPolicy: { attributes: { expiryTime: "P1Y" }, lifetimeActions: [{ action: { type: "Rotate" }, trigger: { timeAfterCreate: "P90D" } }] } } }),
    tagged("azure-native:storage:StorageAccount", "lake", {
      location, resourceGroupName: "rg", accountName: "acmelake", kind: "StorageV2", sku: { name: "Standard_ZRS" }, isHnsEnabled: true,
      allowBlobPublicAccess: false, allowSharedKeyAccess: false, enableHttpsTrafficOnly: true, minimumTlsVersion: "TLS1_2", networkRuleSet: { defaultAction: "Deny", bypass: "AzureServices" }, ...privateOnly,
      encryption: { keySource: "Microsoft.Keyvault", keyVaultProperties: vaultKey, requireInfrastructureEncryption: true },
    }),
    res("azure-native:storage:BlobContainer", "raw", { resourceGroupName: "rg", accountName: "acmelake", containerName: "raw", publicAccess: "None" }),
    tagged("azure-native:containerregistry:Registry", "acr", { location, resourceGroupName: "rg", registryName: "acmeacr", sku: { name: "Premium" }, adminUserEnabled: false, anonymousPullEnabled: false, ...privateOnly, encryption: { status: "enabled", keyVaultProperties: { keyIdentifier: keyId, identity: "acr-id" } } }),
    res("azure-native:security:Pricing", "defender-containers", { pricingName: "Containers", pricingTier: "Standard", scopeId: "/subscriptions/s" }),
    tagged("azure-native:dbforpostgresql:Server", "db", {
      location, resourceGroupName: "rg", serverName: "acme-db", version: "16",
      network: { publicNetworkAccess: "Disabled", delegatedSubnetResourceId: "db-subnet" }, dataEncryption: { type: "AzureKeyVault", primaryKeyURI: keyId, primaryUserAssignedIdentityId: "db-id" },
      backup: { backupRetentionDays: 14, geoRedundantBackup: "Enabled" }, highAvailability: { mode: "ZoneRedundant" }, authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled" },
    }),
    res("azure-native:dbforpostgresql:Configuration", "db-tls", { resourceGroupName: "rg", serverName: "acme-db", configurationName: "require_secure_transport", value: "on", source: "user-override" }),
    tagged("azure-native:synapse:Workspace", "warehouse", { location, resourceGroupName: "rg", workspaceName: "acme-syn", managedVirtualNetwork: "default", ...privateOnly, encryption: { cmk: { key: { name: "data", keyVaultUrl: keyId } } } }),
    tagged("azure-native:purview:Account", "catalog", { location, resourceGroupName: "rg", accountName: "acme-purview", ...privateOnly }),
    tagged("azure-native:machinelearningservices:Workspace", "ml", { location, resourceGroupName: "rg", workspaceName: "acme-ml", ...privateOnly, encryption: { status: "Enabled", keyVaultProperties: { keyIdentifier: keyId, keyVaultArmId: "kv" } } }),
    tagged("azure-native:machinelearningservices:OnlineEndpoint", "model", { location, resourceGroupName: "rg", workspaceName: "acme-ml", endpointName: "model", properties: { authMode: "AADToken", ...privateOnly } }),
    tagged("azure-native:containerservice:ManagedCluster", "cluster", {
      location, resourceGroupName: "rg", resourceName: "acme-aks", disableLocalAccounts: true, enableRBAC: true, aadProfile: { managed: true, enableAzureRBAC: true },
      apiServerAccessProfile: { enablePrivateCluster: true }, securityProfile: { azureKeyVaultKms: { enabled: true, keyId }, workloadIdentity: { enabled: true } }, oidcIssuerProfile: { enabled: true },
      networkProfile: { networkPlugin: "azure", networkPolicy: "cilium", networkDataplane: "cilium" },
    }),
    tagged("azure-native:managedidentity:UserAssignedIdentity", "deploy", { location, resourceGroupName: "rg", resourceName: "deploy" }),
    res("azure-native:managedidentity:FederatedIdentityCredential", "deploy-github", { resourceGroupName: "rg", resourceName: "deploy", issuer: "https://token.actions.githubusercontent.com", subject: "repo:acme/shop:environment:prod", audiences: ["api://AzureADTokenExchange"] }),
    res("azure-native:managedidentity:FederatedIdentityCredential", "api-pod", { resourceGroupName: "rg", resourceName: "api", issuer: "https://westeurope.oic.prod-aks.azure.com/t/c/", subject: "system:serviceaccount:shop:api", audiences: ["api://AzureADTokenExchange"] }),
    res("azure-native:authorization:RoleAssignment", "api-reads-raw", { principalId: "api", roleDefinitionId: "/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", scope: `${rg}/providers/Microsoft.Storage/storageAccounts/acmelake/blobServices/default/containers/raw` }),
    tagged("azure-native:cdn:Profile", "fd", { location: "global", resourceGroupName: "rg", profileName: "acme-fd", sku: { name: "Premium_AzureFrontDoor" } }),
    tagged("azure-native:cdn:AFDEndpoint", "site", { location: "global", resourceGroupName: "rg", profileName: "acme-fd", endpointName: "acme-site" }),
    res("azure-native:cdn:SecurityPolicy", "site-waf", { resourceGroupName: "rg", profileName: "acme-fd", parameters: { type: "WebApplicationFirewall", wafPolicy: { id: "site-waf-policy" }, associations: [{ domains: [{ id: "site" }], patternsToMatch: ["/*"] }] } }),
    res("azure-native:cdn:Route", "site", { resourceGroupName: "rg", profileName: "acme-fd", endpointName: "acme-site", originGroup: { id: "site-origins" }, httpsRedirect: "Enabled", forwardingProtocol: "HttpsOnly", supportedProtocols: ["Http", "Https"] }),
    res("azure-native:cdn:AFDCustomDomain", "www", { resourceGroupName: "rg", profileName: "acme-fd", hostName: "www.acme.example", tlsSettings: { certificateType: "ManagedCertificate", minimumTlsVersion: "TLS12" } }),
    tagged("azure-native:operationalinsights:Workspace", "logs", { location, resourceGroupName: "rg", workspaceName: "acme-logs", retentionInDays: 365 }),
    ...diagnosed.map((name) => res("azure-native:monitor:DiagnosticSetting", `${name}-diag`, { resourceUri: name, workspaceId: "logs", logs: [{ categoryGroup: "allLogs", enabled: true }] })),
  ];
}
