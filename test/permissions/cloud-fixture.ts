import type { OfflineAnswers } from "../../components/cloud-module.ts";
import type { OfflineFor } from "../../lib/permissions/checkers.ts";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { cloudLogin } from "../../workflows/steps.ts";
import type { Step } from "../../workflows/model.ts";

/**
 * Small synthetic GCP and Azure plans, shaped as the drivers' plans are (DESIGN: direct workload identity
 * federation with a pool per CI identity; user-assigned identities with federated credentials), for the
 * evaluators' tests before the real example stacks.
 */

export const repository = "acme/platform";
const github = "https://token.actions.githubusercontent.com";

export function resource(type: string, name: string, inputs: Record<string, unknown>): PlanResource {
  return { urn: `urn:pulumi:test::stratum::${type}::${name}`, type, name, parent: null, inputs };
}

export function plan(stack: string, cloud: string, resources: PlanResource[], outputs: Record<string, unknown>): PlanReport {
  return { stack, cloud, environment: "dev", region: cloud === "gcp" ? "us-central1" : "eastus2", offline: true, resources, outputs, warnings: [] };
}

/** A copy of the plan without the named resource. */
export function without(p: PlanReport, name: string): PlanReport {
  const resources = p.resources.filter((r) => r.name !== name);
  if (resources.length !== p.resources.length - 1) throw new Error(`${p.stack} has no single resource named ${name}`);
  return { ...p, resources };
}

/** A copy of the plan with the named resource's inputs changed, or with more resources. */
export function changed(p: PlanReport, name: string, inputs: Record<string, unknown>): PlanReport {
  if (!p.resources.some((r) => r.name === name)) throw new Error(`${p.stack} has no resource named ${name}`);
  return { ...p, resources: p.resources.map((r) => (r.name === name ? { ...r, inputs: { ...r.inputs, ...inputs } } : r)) };
}

export function plus(p: PlanReport, ...more: PlanResource[]): PlanReport {
  return { ...p, resources: [...p.resources, ...more] };
}

/** The login step a generated job of this cloud has, as this stack's identity of `kind`. */
export function login(cloud: "gcp" | "azure", stack: string, kind: "deploy" | "publish" | "preview" | "review"): Step {
  return cloudLogin(cloud, stack, kind);
}

// GCP ------------------------------------------------------------------------------------------------------------

export const gcpProject = "acme-platform-dev";
export const gcpNumber = "123456789012";
export const pool = (kind: string) => `projects/${gcpNumber}/locations/global/workloadIdentityPools/acme-dev-${kind}`;
export const poolSet = (kind: string) => `principalSet://iam.googleapis.com/${pool(kind)}/*`;
export const providerName = (kind: string) => `${pool(kind)}/providers/github`;
const subjects = { deploy: `repo:${repository}:environment:staging`, publish: `repo:${repository}:ref:refs/heads/main`, preview: `repo:${repository}:environment:preview` } as const;

function gcpIdentity(kind: keyof typeof subjects): PlanResource[] {
  return [
    resource("gcp:iam/workloadIdentityPool:WorkloadIdentityPool", `acme-dev-${kind}-pool`, { workloadIdentityPoolId: `acme-dev-${kind}`, project: gcpProject }),
    resource("gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider", `acme-dev-${kind}-github`, {
      workloadIdentityPoolId: `acme-dev-${kind}`,
      workloadIdentityPoolProviderId: "github",
      project: gcpProject,
      oidc: { issuerUri: github },
      attributeMapping: { "google.subject": "assertion.sub", "attribute.repository": "assertion.repository" },
      attributeCondition: `assertion.repository == '${repository}' && assertion.sub == '${subjects[kind]}'`,
    }),
  ];
}

const member = (type: string, name: string, role: string, kind: string, inputs: Record<string, unknown>) => resource(type, name, { role, member: poolSet(kind), ...inputs });
export const clusterFullName = `projects/${gcpProject}/locations/us-central1/clusters/acme-dev-gke`;

export function gcpPlan(): PlanReport {
  return plan(
    "dev-gcp",
    "gcp",
    [
      ...gcpIdentity("deploy"),
      ...gcpIdentity("publish"),
      ...gcpIdentity("preview"),
      resource("gcp:artifactregistry/repository:Repository", "acme-dev-api", { repositoryId: "acme-dev-api", location: "us-central1", format: "DOCKER" }),
      member("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "acme-dev-api-publish", "roles/artifactregistry.writer", "publish", { repository: "acme-dev-api", location: "us-central1" }),
      member("gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "acme-dev-api-deploy", "roles/artifactregistry.reader", "deploy", { repository: "acme-dev-api", location: "us-central1" }),
      resource("gcp:storage/bucket:Bucket", "acme-dev-site", { name: "acme-dev-site", location: "US-CENTRAL1" }),
      resource("gcp:storage/bucket:Bucket", "acme-dev-other", { name: "acme-dev-other", location: "US-CENTRAL1" }),
      member("gcp:storage/bucketIAMMember:BucketIAMMember", "acme-dev-site-deploy", "roles/storage.objectUser", "deploy", { bucket: "acme-dev-site" }),
      resource("gcp:container/cluster:Cluster", "acme-dev-gke", { name: "acme-dev-gke", location: "us-central1" }),
      member("gcp:projects/iAMMember:IAMMember", "acme-dev-deploy-cluster", "roles/container.clusterViewer", "deploy", { project: gcpProject, condition: { title: "the cluster", expression: `resource.name == '${clusterFullName}'` } }),
      resource("kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "acme-dev-deploy-namespace", {
        metadata: { namespace: "acme-dev" },
        roleRef: { kind: "ClusterRole", name: "edit" },
        subjects: [{ kind: "Group", name: poolSet("deploy"), apiGroup: "rbac.authorization.k8s.io" }],
      }),
      resource("gcp:compute/uRLMap:URLMap", "acme-dev-site-map", { name: "acme-dev-site-map" }),
      resource("gcp:projects/iAMCustomRole:IAMCustomRole", "acme-dev-cdn-invalidator", { roleId: "acme_dev_cdn_invalidator", project: gcpProject, permissions: ["compute.urlMaps.invalidateCache"] }),
      member("gcp:projects/iAMMember:IAMMember", "acme-dev-deploy-cdn", `projects/${gcpProject}/roles/acme_dev_cdn_invalidator`, "deploy", {
        project: gcpProject,
        condition: { title: "the site's URL map", expression: `resource.name == 'projects/${gcpProject}/global/urlMaps/acme-dev-site-map'` },
      }),
    ],
    {
      projectId: gcpProject,
      projectNumber: gcpNumber,
      deployIdentity: providerName("deploy"),
      publishIdentity: providerName("publish"),
      previewIdentity: providerName("preview"),
      registryUrls: { api: `us-central1-docker.pkg.dev/${gcpProject}/acme-dev-api/api` },
      registryHost: "us-central1-docker.pkg.dev",
      clusterName: "acme-dev-gke",
      frontendBucket: "acme-dev-site",
      frontendCdnId: "acme-dev-site-map",
    },
  );
}

// Azure ----------------------------------------------------------------------------------------------------------

export const subscription = "11111111-2222-3333-4444-555555555555";
export const group = `/subscriptions/${subscription}/resourceGroups/rg-acme-dev`;
export const arm = (path: string) => `${group}/providers/${path}`;
const kindNumber: Record<string, number> = { deploy: 1, publish: 2, preview: 3, review: 4 };
export const clientId = (kind: string) => `c11e0000-0000-4000-8000-00000000000${kindNumber[kind]}`;
export const principalId = (kind: string) => `9e1c0000-0000-4000-8000-00000000000${kindNumber[kind]}`;

/** Azure computes an identity's client and principal ids; the offline answers stand in for it, as azure's offline.ts does. */
export const azureOffline: OfflineAnswers = {
  invoke: (token) => {
    throw new Error(`no answer for ${token}`);
  },
  resourceId: (_type, name) => name,
  computedOutputs: (type, _name, inputs) => {
    const kind = /acme-dev-(deploy|publish|preview|review)$/.exec(String(inputs["resourceName"] ?? ""))?.[1];
    return type === "azure-native:managedidentity:UserAssignedIdentity" && kind ? { clientId: clientId(kind), principalId: principalId(kind) } : {};
  },
};

export const offline: OfflineFor = async (p) => (p.cloud === "azure" ? azureOffline : { ...azureOffline, computedOutputs: () => ({}) });

const role = (guid: string) => `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/${guid}`;
export const builtIn = {
  acrPush: role("8311e382-0749-4cb8-b61a-304f252e45ec"),
  acrPull: role("7f951dda-4ed3-4680-a7ca-43fe172d538d"),
  blobContributor: role("ba92f5b4-2d11-453d-a403-e96b0029c9fe"),
  clusterUser: role("4abbcc35-e782-43d8-92c5-2d3f1bd2253f"),
  rbacAdmin: role("3498e952-d568-435e-9b2c-8d77e338d7f7"),
  storageAccountContributor: role("17d1049b-9a84-46fb-8f53-869881c3d3ab"),
};

function azureIdentity(kind: keyof typeof subjects): PlanResource[] {
  return [
    resource("azure-native:managedidentity:UserAssignedIdentity", `acme-dev-${kind}`, { resourceName: `acme-dev-${kind}`, resourceGroupName: "rg-acme-dev" }),
    resource("azure-native:managedidentity:FederatedIdentityCredential", `acme-dev-${kind}-github`, {
      resourceName: `acme-dev-${kind}`,
      resourceGroupName: "rg-acme-dev",
      issuer: github,
      subject: subjects[kind],
      audiences: ["api://AzureADTokenExchange"],
    }),
  ];
}

export const assignment = (name: string, kind: string, roleDefinitionId: string, scope: string, more: Record<string, unknown> = {}) =>
  resource("azure-native:authorization:RoleAssignment", name, { principalId: principalId(kind), principalType: "ServicePrincipal", roleDefinitionId, scope, ...more });

export const registryId = arm("Microsoft.ContainerRegistry/registries/acmedevacr");
export const siteAccountId = arm("Microsoft.Storage/storageAccounts/acmedevsite");
export const aksId = arm("Microsoft.ContainerService/managedClusters/acme-dev-aks");
export const endpointId = arm("Microsoft.Cdn/profiles/acme-dev-fd/afdEndpoints/acme-dev-site");

export function azurePlan(): PlanReport {
  return plan(
    "dev-azure",
    "azure",
    [
      ...azureIdentity("deploy"),
      ...azureIdentity("publish"),
      ...azureIdentity("preview"),
      resource("azure-native:containerregistry:Registry", "acmedevacr", { registryName: "acmedevacr", resourceGroupName: "rg-acme-dev", sku: { name: "Premium" } }),
      assignment("acme-dev-publish-acr", "publish", builtIn.acrPush, registryId),
      assignment("acme-dev-deploy-acr", "deploy", builtIn.acrPull, registryId),
      resource("azure-native:storage:StorageAccount", "acmedevsite", { accountName: "acmedevsite", resourceGroupName: "rg-acme-dev" }),
      resource("azure-native:storage:StorageAccount", "acmedevother", { accountName: "acmedevother", resourceGroupName: "rg-acme-dev" }),
      assignment("acme-dev-deploy-site", "deploy", builtIn.blobContributor, `${siteAccountId}/blobServices/default/containers/$web`),
      resource("azure-native:containerservice:ManagedCluster", "acme-dev-aks", { resourceName: "acme-dev-aks", resourceGroupName: "rg-acme-dev" }),
      assignment("acme-dev-deploy-aks", "deploy", builtIn.clusterUser, aksId),
      assignment("acme-dev-deploy-namespace", "deploy", builtIn.rbacAdmin, `${aksId}/namespaces/acme-dev`),
      resource("azure-native:cdn:AFDEndpoint", "acme-dev-site", { profileName: "acme-dev-fd", endpointName: "acme-dev-site", resourceGroupName: "rg-acme-dev" }),
      resource("azure-native:authorization:RoleDefinition", "acme-dev-purger", {
        roleDefinitionId: "5ca1ab1e-0000-4000-8000-000000000001",
        roleName: "stratum Front Door purger",
        scope: group,
        permissions: [{ actions: ["Microsoft.Cdn/profiles/afdEndpoints/read", "Microsoft.Cdn/profiles/afdEndpoints/purge/action"] }],
        assignableScopes: [endpointId],
      }),
      assignment("acme-dev-deploy-purge", "deploy", `/subscriptions/${subscription}/providers/Microsoft.Authorization/roleDefinitions/5ca1ab1e-0000-4000-8000-000000000001`, endpointId),
    ],
    {
      subscriptionId: subscription,
      tenantId: "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee",
      resourceGroup: "rg-acme-dev",
      deployIdentity: clientId("deploy"),
      publishIdentity: clientId("publish"),
      previewIdentity: clientId("preview"),
      registryHost: "acmedevacr.azurecr.io",
      registryUrls: { api: "acmedevacr.azurecr.io/api" },
      clusterName: "acme-dev-aks",
      frontendBucket: "acmedevsite",
      frontendCdnId: endpointId,
    },
  );
}
