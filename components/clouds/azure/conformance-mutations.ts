import type { PlanMutation } from "../../conformance/inspector.ts";
import { kubernetesMutations } from "../../conformance/kubernetes-mutations.ts";
import { add, edit, first, one, remove, setOutput, type Inputs } from "../../conformance/plan-edits.ts";
import { githubIssuer } from "../../infra/ci-identity/azure.ts";

/**
 * Changes to Azure plans that break one promise each, keyed by the conformance assertion they must make fail (a
 * rule id, or an inspector assertion's id): the suite applies each to a copy of the fixture plans and expects that
 * assertion to report a problem, so no assertion can pass by checking nothing.
 */
const az = (kind: string) => `azure-native:${kind}`;
const vault = az("keyvault:Vault");
const registry = az("containerregistry:Registry");
const cluster = az("containerservice:ManagedCluster");
const storage = az("storage:StorageAccount");
const postgres = az("dbforpostgresql:Server");
const credential = az("managedidentity:FederatedIdentityCredential");
/** The GitHub federated credential of one CI identity (`<name>-<env>-<role>`). */
const github = (role: string) => (r: { inputs: Inputs }) => r.inputs["issuer"] === githubIssuer && String(r.inputs["resourceName"]).endsWith(`-${role}`);
const ownerRole = "/subscriptions/5f2c6f4e-8a1d-4c3b-9e7a-2d4b6c8e0f11/providers/Microsoft.Authorization/roleDefinitions/8e3af657-a8ff-443c-a75c-2fe8c4bcb635";

export const azureConformanceMutations: Readonly<Record<string, readonly PlanMutation[]>> = {
  ...kubernetesMutations,
  "encryption-at-rest-cmk": [
    one("the registry on Microsoft-managed keys", edit(registry, (i) => void (i["encryption"] = { status: "disabled" }))),
    one("cluster secrets without KMS", edit(cluster, (i) => void (i["securityProfile"].azureKeyVaultKms.enabled = false))),
    one("a storage account without infrastructure encryption", edit(storage, (i) => void (i["encryption"].requireInfrastructureEncryption = false))),
  ],
  "key-rotation": [one("a key without a rotate action", edit(az("keyvault:Key"), (i) => void (i["properties"].rotationPolicy = { lifetimeActions: [] })))],
  "key-store-protection": [
    one("a vault without purge protection", edit(vault, (i) => void (i["properties"].enablePurgeProtection = false))),
    one("a vault on access policies", edit(vault, (i) => void (i["properties"].enableRbacAuthorization = false))),
  ],
  "no-public-data": [one("a storage account allowing anonymous blob access", edit(storage, (i) => void (i["allowBlobPublicAccess"] = true)))],
  "no-public-database": [one("a Flexible Server open to the public network", edit(postgres, (i) => void (i["network"] = { ...i["network"], publicNetworkAccess: "Enabled" })))],
  "no-public-network-access": [
    one("the registry on the public network", edit(registry, (i) => void (i["publicNetworkAccess"] = "Enabled"))),
    one("the vault's network ACLs allowing by default", edit(vault, (i) => void (i["properties"].networkAcls.defaultAction = "Allow"))),
  ],
  "private-cluster-endpoint": [one("a public API server in prod", edit(cluster, (i) => void (i["apiServerAccessProfile"] = { enablePrivateCluster: false, authorizedIPRanges: ["203.0.113.0/24"] })), "prod")],
  "no-internet-ingress": [
    one("a security group admitting the internet on 443", edit(az("network:NetworkSecurityGroup"), (i) => void i["securityRules"].push({ name: "https", direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "Internet", destinationPortRange: "443", priority: 100 }))),
    one("a public API server open to everyone", edit(cluster, (i) => void (i["apiServerAccessProfile"] = { enablePrivateCluster: false }))),
  ],
  "no-public-principal": [one("anonymous pull on the registry", edit(registry, (i) => void (i["anonymousPullEnabled"] = true)))],
  "cdn-waf": [one("Front Door without its WAF security policy", remove(az("cdn:SecurityPolicy")))],
  "tls-in-transit": [one("a storage account accepting TLS 1.0", edit(storage, (i) => void (i["minimumTlsVersion"] = "TLS1_0")))],
  "database-ssl": [one("require_secure_transport off", edit(az("dbforpostgresql:Configuration"), (i) => void (i["value"] = "off"), (r) => r.inputs["configurationName"] === "require_secure_transport"))],
  // The rule judges S3 buckets only: on Azure it holds vacuously, and fails only if a bucket appears.
  "deny-insecure-transport": [one("an S3 bucket without a TLS-only policy", add("aws:s3/bucket:Bucket", "stray", { bucket: "stray" }))],
  "database-backups": [one("seven days of backups in prod", edit(postgres, (i) => void (i["backup"] = { ...i["backup"], backupRetentionDays: 1, geoRedundantBackup: "Disabled" })), "prod")],
  "zone-redundancy": [one("a prod database without zone-redundant HA", edit(postgres, (i) => void (i["highAvailability"] = { mode: "Disabled" })), "prod")],
  "audit-logging": [
    one("the registry without its diagnostic setting", remove(az("monitor:DiagnosticSetting"), (r) => String(r.inputs["resourceUri"]).includes("/registries/"))),
    one("no diagnostic setting at all", remove(az("monitor:DiagnosticSetting"))),
  ],
  "vpc-flow-logs": [one("the virtual network without its flow log", remove(az("network:FlowLog")))],
  "no-wildcard-iam": [one("a custom role allowing every action", add(az("authorization:RoleDefinition"), "everything", { roleName: "everything", permissions: [{ actions: ["*"] }], assignableScopes: ["/subscriptions/5f2c6f4e-8a1d-4c3b-9e7a-2d4b6c8e0f11/resourceGroups/rg-acme-dev"] }))],
  "no-privileged-roles": [one("Owner on the registry", edit(az("authorization:RoleAssignment"), (i) => void (i["roleDefinitionId"] = ownerRole), (r) => String(r.inputs["scope"]).includes("/registries/")))],
  "ci-identity-federated": [one("the deploy identity trusting any environment", edit(credential, (i) => void (i["subject"] = "repo:acme/platform:environment:*"), github("deploy")))],
  "no-long-lived-credentials": [
    one("the registry's admin user", edit(registry, (i) => void (i["adminUserEnabled"] = true))),
    one("the cluster's local accounts", edit(cluster, (i) => void (i["disableLocalAccounts"] = false))),
  ],
  "registry-immutable-scanned": [one("Defender for Containers off", remove(az("security:Pricing"), (r) => r.inputs["pricingName"] === "Containers"))],
  "k8s-default-deny-network-policy": [
    ...kubernetesMutations["k8s-default-deny-network-policy"]!,
    one("a cluster that does not enforce them", edit(cluster, (i) => void delete i["networkProfile"].networkPolicy)),
  ],
  "required-tags": [one("the vault without its owner tag", edit(vault, (i) => void delete i["tags"].owner))],
  "data-residency": [one("the vault in another region", edit(vault, (i) => void (i["location"] = "westeurope")))],
  // What no rule sees.
  "storage-versioned": [one("a storage account without blob versioning", edit(az("storage:BlobServiceProperties"), (i) => void (i["isVersioningEnabled"] = false)))],
  "storage-access-logged": [one("a blob service without its diagnostic setting", remove(az("monitor:DiagnosticSetting"), (r) => /\/blobServices\/default$/.test(String(r.inputs["resourceUri"]))))],
  "database-by-environment": [
    one("a single-zone prod database", edit(postgres, (i) => void (i["highAvailability"] = { mode: "Disabled" })), "prod"),
    one("zone-redundant HA on a dev database", edit(postgres, (i) => void (i["highAvailability"] = { mode: "ZoneRedundant" })), "dev"),
  ],
  "key-per-domain": [one("one key for every domain", (plan) => remove(az("keyvault:Key"), (r) => r !== first(plan, az("keyvault:Key")))(plan))],
  "ci-exact-subjects": [
    one("the publish identity trusted on another branch", edit(credential, (i) => void (i["subject"] = "repo:acme/platform:ref:refs/heads/release"), github("publish"))),
    one("the review identity also trusted in preview", (plan) => {
      const review = first(plan, credential, github("review"));
      add(credential, "review-preview", { ...review.inputs, federatedIdentityCredentialResourceName: "github-preview", subject: "repo:acme/platform:environment:preview" })(plan);
    }, "dev"),
    one("the preview identity exported as the deploy identity", (plan) => setOutput("previewIdentity", plan.outputs["deployIdentity"])(plan)),
  ],
  "secret-outputs": [
    one("the kubeconfig exported in plain text", setOutput("kubeconfig", "apiVersion: v1\nusers: [{name: admin, user: {token: abc}}]")),
    one("a password in a plain output", setOutput("databaseHost", "admin:password@db.internal")),
  ],
};
