import { beforeAll, describe, expect, it } from "vitest";
import type { PlanResource } from "../../../lib/plan/model.ts";
import { compareText } from "../../../lib/text/text-order.ts";
import { planAzureStack } from "../../../test/support/azure-stand-ins.ts";
import { privateDnsZoneNames } from "./private-dns-zones.ts";
import { builtInRoles } from "./role-assignment.ts";
import { placeholderGuid } from "./offline.ts";
import { reviewFederationActions } from "./review-federation-role.ts";
import { azureRoles } from "../../../lib/permissions/azure-roles.ts";
import { tagPropertyOf } from "../../tags/taggable.ts";

/** Azure-specific checks on the example stacks' plans (the data, ML and web drivers stood in until they are built). */
const plans = {} as Record<"dev" | "prod", Awaited<ReturnType<typeof planAzureStack>>>;
beforeAll(async () => {
  plans.dev = await planAzureStack("dev-azure");
  plans.prod = await planAzureStack("prod-azure");
}, 120_000);

type Inputs = Record<string, any>;
const ofType = (env: "dev" | "prod", kind: string): PlanResource[] => plans[env].resources.filter((r) => r.type === `azure-native:${kind}`);
const one = (env: "dev" | "prod", kind: string): Inputs => {
  const found = ofType(env, kind);
  expect(found, kind).toHaveLength(1);
  return found[0]!.inputs as Inputs;
};
/** A role assignment's role: a built-in one by name, or `custom:<roleName>` for a role the plan defines. */
const roleOf = (r: PlanResource, env: "dev" | "prod" = "dev") => {
  const id = String(r.inputs["roleDefinitionId"]);
  const custom = ofType(env, "authorization:RoleDefinition").find((d) => id.endsWith(`/${String(d.inputs["roleDefinitionId"])}`));
  return custom ? `custom:${String(custom.inputs["roleName"])}` : Object.entries(builtInRoles).find(([, guid]) => id.endsWith(`/${guid}`))?.[0];
};

describe.each(["dev", "prod"] as const)("%s-azure", (env) => {
  it("plans with no mandatory violation", () => {
    expect((plans[env].violations ?? []).filter((v) => v.enforcement === "mandatory" && !v.waived)).toEqual([]);
  });

  it("creates the resource group once, and every resource in it waits for it", () => {
    const [group] = ofType(env, "resources:ResourceGroup");
    expect(ofType(env, "resources:ResourceGroup")).toHaveLength(1);
    expect(group!.inputs).toMatchObject({ resourceGroupName: `rg-acme-${env}`, location: "eastus2" });
    const placed = plans[env].resources.filter((r) => r.type.startsWith("azure-native:") && r.inputs["resourceGroupName"] !== undefined && r !== group);
    expect(placed.length).toBeGreaterThan(40);
    for (const r of placed) {
      expect(r.inputs["resourceGroupName"], r.name).toBe(`rg-acme-${env}`);
      expect(r.dependencies ?? [], r.name).toContain(group!.urn);
    }
  });

  it("keeps keys in a vault only RBAC reaches, privately, purge-protected, rotating", () => {
    const vault = one(env, "keyvault:Vault").properties;
    expect(vault).toMatchObject({ enableRbacAuthorization: true, enablePurgeProtection: true, enableSoftDelete: true, publicNetworkAccess: "Disabled", networkAcls: { defaultAction: "Deny" } });
    expect(vault.softDeleteRetentionInDays).toBeGreaterThanOrEqual(7);
    const keys = ofType(env, "keyvault:Key");
    expect(keys.map((k) => k.inputs["keyName"]).sort()).toEqual(["audit", "cluster", "database", "lake", "ml", "platform", "registry", "warehouse"]);
    for (const key of keys) {
      expect((key.inputs as Inputs).properties).toMatchObject({ kty: "RSA-HSM", attributes: { exportable: false } });
      expect((key.inputs as Inputs).properties.rotationPolicy.lifetimeActions).toContainEqual({ trigger: { timeAfterCreate: "P90D" }, action: { type: "rotate" } });
    }
    const endpoints = ofType(env, "network:PrivateEndpoint").map((r) => (r.inputs as Inputs).privateLinkServiceConnections[0].groupIds[0]);
    expect(endpoints).toEqual(expect.arrayContaining(["vault", "registry"]));
  });

  it("audits to one workspace: the activity log, every diagnosed service, Defender's plans", () => {
    const workspace = one(env, "operationalinsights:Workspace");
    expect(workspace.features).toMatchObject({ disableLocalAuth: true });
    // prod's profile keeps audit logs 2555 days: 730 interactive, the rest in the tables' long-term retention.
    const tables = ofType(env, "operationalinsights:Table").map((t) => [t.inputs["tableName"], t.inputs["retentionInDays"], t.inputs["totalRetentionInDays"]]);
    expect(tables).toEqual([["AzureActivity", ...(env === "prod" ? [730, 2555] : [90, 90])], ["AzureDiagnostics", ...(env === "prod" ? [730, 2555] : [90, 90])]]);
    expect(plans[env].outputs["auditLogDestination"]).toBe(`/subscriptions/${env === "dev" ? "5f2c6f4e-8a1d-4c3b-9e7a-2d4b6c8e0f11" : "7a3d9e2b-4c6f-4b8a-a1d5-3e5f7a9c1b22"}/resourceGroups/rg-acme-${env}/providers/Microsoft.OperationalInsights/workspaces/acme-${env}-logs`);
    expect(one(env, "monitor:SubscriptionDiagnosticSetting").logs.map((l: Inputs) => l.category)).toEqual(expect.arrayContaining(["Administrative", "Security", "Policy"]));
    const settings = ofType(env, "monitor:DiagnosticSetting").map((r) => r.inputs as Inputs);
    for (const s of settings) expect(s.workspaceId).toBe(plans[env].outputs["auditLogDestination"]);
    for (const suffix of ["Microsoft.KeyVault/vaults/", "Microsoft.ContainerRegistry/registries/", "Microsoft.ContainerService/managedClusters/"]) {
      expect(settings.some((s) => String(s.resourceUri).includes(suffix)), suffix).toBe(true);
    }
    expect(ofType(env, "security:Pricing").map((r) => [r.inputs["pricingName"], r.inputs["pricingTier"]])).toContainEqual(["Containers", "Standard"]);
  });

  it("leaves the network only through its NAT gateways and reaches PaaS services through private DNS", () => {
    const vnet = one(env, "network:VirtualNetwork");
    const zones = env === "prod" ? 3 : 1;
    expect(vnet.subnets).toHaveLength(zones + 3);
    for (const subnet of vnet.subnets) {
      expect(subnet.defaultOutboundAccess, subnet.name).toBe(false);
      expect(subnet.networkSecurityGroup, subnet.name).toBeDefined();
    }
    expect(vnet.subnets.find((s: Inputs) => s.name === "postgres").delegations[0].serviceName).toBe("Microsoft.DBforPostgreSQL/flexibleServers");
    expect(ofType(env, "network:NatGateway")).toHaveLength(zones);
    for (const nsg of ofType(env, "network:NetworkSecurityGroup")) expect((nsg.inputs as Inputs).securityRules).toEqual([]);
    expect(ofType(env, "privatedns:PrivateZone").map((z) => z.inputs["privateZoneName"]).sort()).toEqual(privateDnsZoneNames().sort());
    expect(ofType(env, "privatedns:VirtualNetworkLink")).toHaveLength(privateDnsZoneNames().length);
    expect(one(env, "network:FlowLog")).toMatchObject({ enabled: true, format: { type: "JSON", version: 2 } });
  });

  it("runs a private AKS cluster that only Entra ID identities reach", () => {
    const cluster = one(env, "containerservice:ManagedCluster");
    expect(cluster).toMatchObject({
      disableLocalAccounts: true,
      enableRBAC: true,
      aadProfile: { managed: true, enableAzureRBAC: true, adminGroupObjectIDs: [] },
      apiServerAccessProfile: { enablePrivateCluster: true, enablePrivateClusterPublicFQDN: false, enableVnetIntegration: true },
      oidcIssuerProfile: { enabled: true },
      securityProfile: { workloadIdentity: { enabled: true }, azureKeyVaultKms: { enabled: true, keyVaultNetworkAccess: "Private" } },
      addonProfiles: { azurepolicy: { enabled: true } },
      autoUpgradeProfile: { upgradeChannel: "patch" },
      sku: { tier: "Standard" },
      networkProfile: { networkPolicy: "cilium", outboundType: "userAssignedNATGateway" },
      nodeResourceGroupProfile: { restrictionLevel: "ReadOnly" },
    });
    expect(cluster.diskEncryptionSetID).toContain("Microsoft.Compute/diskEncryptionSets/");
    expect(cluster.securityProfile.azureKeyVaultKms.keyId).toMatch(/^https:\/\/.+\/keys\/cluster\/[0-9a-f]{32}$/);
    // Nodes span every zone: one pool over all of them behind the shared NAT (dev), a pool per zone behind its own (prod).
    expect(cluster.agentPoolProfiles.map((p: Inputs) => p.availabilityZones)).toEqual(env === "prod" ? [["1"], ["2"], ["3"]] : [["1", "2", "3"]]);
    for (const pool of cluster.agentPoolProfiles) expect(pool).toMatchObject({ enableAutoScaling: true, enableEncryptionAtHost: true, enableNodePublicIP: false });
  });

  it("keeps the registry private: Premium, no admin user, no anonymous pull, CMK, retention", () => {
    expect(one(env, "containerregistry:Registry")).toMatchObject({
      sku: { name: "Premium" },
      adminUserEnabled: false,
      anonymousPullEnabled: false,
      publicNetworkAccess: "Disabled",
      zoneRedundancy: "Enabled",
      encryption: { status: "enabled" },
      policies: { retentionPolicy: { status: "enabled" }, exportPolicy: { status: "disabled" } },
    });
  });

  it("federates GitHub and the cluster's pods by exact subject, with no secret", () => {
    const credentials = ofType(env, "managedidentity:FederatedIdentityCredential").map((r) => r.inputs as Inputs);
    const github = credentials.filter((c) => c.issuer === "https://token.actions.githubusercontent.com");
    expect(github.map((c) => c.subject).sort()).toEqual(
      [
        "repo:acme/platform:ref:refs/heads/main",
        "repo:acme/platform:environment:preview",
        `repo:acme/platform:environment:${env === "prod" ? "production" : "staging"}`,
        ...(env === "dev" ? ["repo:acme/platform:environment:review"] : []),
      ].sort(),
    );
    for (const c of credentials) expect(c.audiences).toEqual(["api://AzureADTokenExchange"]);
    const pods = credentials.filter((c) => c.issuer !== "https://token.actions.githubusercontent.com");
    expect(pods.map((c) => c.subject).sort()).toEqual(["system:serviceaccount:acme-" + env + ":api", "system:serviceaccount:acme-" + env + ":etl", "system:serviceaccount:acme-" + env + ":orders"].sort());
  });

  it("assigns every role on one resource, never the subscription or the group, never a privileged role", () => {
    const assignments = ofType(env, "authorization:RoleAssignment");
    expect(assignments.length).toBeGreaterThan(0);
    for (const a of assignments) {
      expect(String(a.inputs["scope"]), a.name).toMatch(/\/providers\/.+\/.+/);
      expect(roleOf(a, env), a.name).toBeDefined();
    }
    // Dev: the review identity may add review namespaces' credentials to each workload identity, and nothing more.
    const federation = assignments.filter((a) => roleOf(a, env) === `custom:acme-${env}-review-federation`);
    expect(federation.map((a) => String(a.inputs["scope"]).split("/").pop()).sort()).toEqual(env === "dev" ? ["acme-dev-api", "acme-dev-etl", "acme-dev-orders"] : []);
    for (const a of federation) expect(a.inputs["principalId"]).toBe(placeholderGuid("principal/acme-dev-review"));
    // Custom roles: the review federation role (dev) and the front end's purge role, each assignable only in the group.
    const definitions = ofType(env, "authorization:RoleDefinition").map((d) => d.inputs as Inputs).sort((a, b) => compareText(String(a.roleName), String(b.roleName)));
    const group = `/subscriptions/${env === "dev" ? "5f2c6f4e-8a1d-4c3b-9e7a-2d4b6c8e0f11" : "7a3d9e2b-4c6f-4b8a-a1d5-3e5f7a9c1b22"}/resourceGroups/rg-acme-${env}`;
    expect(definitions.map((d) => [d.roleName, d.permissions[0].actions, d.assignableScopes])).toEqual([
      ...(env === "dev" ? [["acme-dev-review-federation", [...reviewFederationActions], [group]]] : []),
      [`stratum Front Door purger (acme-${env}-site-purger)`, ["Microsoft.Cdn/profiles/afdEndpoints/read", "Microsoft.Cdn/profiles/afdEndpoints/purge/action"], [group]],
    ]);
    const registry = assignments.filter((a) => String(a.inputs["scope"]).includes("Microsoft.ContainerRegistry/registries/"));
    // deploy (cosign verify) and the kubelet pull, publish (and dev's review) push, prod's managed model pulls its image.
    expect(registry.map((a) => `${a.name.replace(`acme-${env}-`, "")} ${roleOf(a, env)}`).sort()).toEqual(
      env === "dev"
        ? ["deploy-registry AcrPull", "nodes-registry AcrPull", "publish-registry AcrPush", "review-registry AcrPush"]
        : ["deploy-registry AcrPull", "nodes-registry AcrPull", "publish-registry AcrPush", "recommender-endpoint-pull AcrPull"],
    );
    // The nodes' grant is to the kubelet identity AKS gives the cluster: without it no pod's image could be pulled.
    expect(registry.find((a) => a.name === `acme-${env}-nodes-registry`)?.inputs["principalId"]).toBe(placeholderGuid(`kubelet/acme-${env}-aks`));
    const namespaced = assignments.filter((a) => roleOf(a, env) === "Azure Kubernetes Service RBAC Admin");
    expect(namespaced.map((a) => a.inputs["scope"])).toEqual([expect.stringMatching(new RegExp(`/managedClusters/acme-${env}-aks/namespaces/acme-${env}$`))]);
  });

  // That the CI identities are bound exactly the roles lib/permissions/azure-roles.ts maps (custom roles by their
  // permissions) is test/permissions/cloud-stacks.test.ts's, on these same stacks.

  it("tags every Azure resource that takes tags with the stack's tags, within Azure's 50", () => {
    const taggable = plans[env].resources.filter((r) => r.type.startsWith("azure-native:") && tagPropertyOf(r.type) === "tags");
    expect(taggable.length).toBeGreaterThan(40);
    for (const r of taggable) {
      const tags = r.inputs["tags"] as Record<string, string>;
      expect(tags, r.name).toMatchObject({ owner: "platform-team", "cost-center": "cc-1042", environment: env, "managed-by": "stratum" });
      expect(Object.keys(tags).length).toBeLessThanOrEqual(50);
    }
  });

  it("exports the cloud-wide outputs and client ids for the workflows' logins", () => {
    const outputs = plans[env].outputs;
    expect(outputs).toMatchObject({ resourceGroup: `rg-acme-${env}`, tenantId: "3c1e5a7b-9d2f-4e6a-8b0c-1d3f5a7b9c2e", cloud: "azure" });
    expect(String(outputs["registryHost"])).toMatch(/^acme[a-z0-9]*acr\.azurecr\.offline\.invalid$/);
    expect(outputs["deployIdentity"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
