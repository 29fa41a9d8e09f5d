import type { RoleEntry } from "./role-table.ts";

/**
 * The built-in roles an Azure driver assigns to a stack's CI identities (user-assigned identities with federated
 * credentials), mapped to the actions and data actions the workflows' steps declare (workflows/cloud-access.ts).
 * `grants`/`dataGrants` are the role's actions and data actions that bear on those steps (wildcards as Azure
 * writes them); `except` its notActions. Every assignment is scoped to the resource in `scope`, never the
 * subscription or the resource group where a resource scope exists.
 */
const reference = (category: string) => `https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/${category}`;
const blobs = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";

const roles: readonly RoleEntry[] = [
  {
    role: "AcrPush",
    grants: ["Microsoft.ContainerRegistry/registries/pull/read", "Microsoft.ContainerRegistry/registries/push/write"],
    grantTo: ["publish"],
    scope: "the stack's registry (`registryHost`, holding every `registryUrls` repository)",
    source: reference("containers"),
  },
  {
    role: "AcrPull",
    grants: ["Microsoft.ContainerRegistry/registries/pull/read"],
    grantTo: ["deploy"],
    scope: "the stack's registry: cosign verify reads images and signatures",
    source: reference("containers"),
  },
  {
    role: "Storage Blob Data Contributor",
    grants: ["Microsoft.Storage/storageAccounts/blobServices/containers/read", "Microsoft.Storage/storageAccounts/blobServices/containers/write"],
    dataGrants: [`${blobs}/read`, `${blobs}/write`, `${blobs}/delete`, `${blobs}/add/action`, `${blobs}/move/action`],
    grantTo: ["deploy"],
    scope: "the Pulumi state container (`azblob://` backend) and the front end's `$web` container (`frontendBucket`)",
    source: reference("storage"),
  },
  {
    role: "Storage Blob Data Reader",
    grants: ["Microsoft.Storage/storageAccounts/blobServices/containers/read"],
    dataGrants: [`${blobs}/read`],
    grantTo: ["preview"],
    scope: "the Pulumi state container",
    source: reference("storage"),
  },
  {
    role: "Key Vault Crypto User",
    grants: [],
    dataGrants: ["Microsoft.KeyVault/vaults/keys/read", "Microsoft.KeyVault/vaults/keys/encrypt/action", "Microsoft.KeyVault/vaults/keys/decrypt/action", "Microsoft.KeyVault/vaults/keys/wrap/action", "Microsoft.KeyVault/vaults/keys/unwrap/action"],
    grantTo: ["deploy", "preview"],
    scope: "the secrets provider's key (`azurekeyvault://`)",
    source: reference("security"),
  },
  {
    role: "custom:stratum Front Door purger",
    grants: ["Microsoft.Cdn/profiles/afdEndpoints/read", "Microsoft.Cdn/profiles/afdEndpoints/purge/action"],
    grantTo: ["deploy"],
    scope: "the Front Door endpoint (`frontendCdnId`)",
    source: "the Azure front-end driver (a custom role with exactly these actions)",
    note: "CDN Profile Contributor grants it too, with every other change to the profile",
  },
  {
    role: "CDN Profile Contributor",
    grants: ["Microsoft.Cdn/profiles/*"],
    scope: "not bound",
    source: reference("networking"),
    note: "every change to the Front Door profile: the custom role above is assigned instead",
  },
  {
    role: "CDN Endpoint Contributor",
    grants: ["Microsoft.Cdn/profiles/endpoints/*"],
    scope: "not bound",
    source: reference("networking"),
    note: "classic CDN endpoints only: it does not cover Front Door's afdEndpoints, so it cannot purge the site",
  },
  {
    role: "Azure Kubernetes Service Cluster User Role",
    grants: ["Microsoft.ContainerService/managedClusters/listClusterUserCredential/action", "Microsoft.ContainerService/managedClusters/read"],
    grantTo: ["deploy", "preview"],
    scope: "the cluster (`clusterName`)",
    source: reference("containers"),
    note: "the kubeconfig only; the Kubernetes objects are authorized by Azure RBAC for Kubernetes (kubernetesRoles below)",
  },
  {
    role: "AzureML Data Scientist",
    grants: ["Microsoft.MachineLearningServices/workspaces/*/read", "Microsoft.MachineLearningServices/workspaces/*/action", "Microsoft.MachineLearningServices/workspaces/*/delete", "Microsoft.MachineLearningServices/workspaces/*/write"],
    except: ["Microsoft.MachineLearningServices/workspaces/delete", "Microsoft.MachineLearningServices/workspaces/write", "Microsoft.MachineLearningServices/workspaces/computes/*/write", "Microsoft.MachineLearningServices/workspaces/computes/*/delete"],
    grantTo: ["deploy"],
    scope: "stacks with managed models: each online endpoint (`modelEndpoints`, the endpoint's ARM id), not the workspace",
    source: reference("ai-machine-learning"),
  },
];

const kubernetes = "Microsoft.ContainerService/managedClusters";

/** Azure RBAC for Kubernetes: what the CI identities may do inside the cluster, each assigned on one scope. */
const kubernetesRoles: readonly RoleEntry[] = [
  {
    role: "Azure Kubernetes Service RBAC Admin",
    grants: [`${kubernetes}/listClusterUserCredential/action`],
    dataGrants: [`${kubernetes}/*`],
    except: [`${kubernetes}/resourcequotas/write`, `${kubernetes}/resourcequotas/delete`, `${kubernetes}/namespaces/write`, `${kubernetes}/namespaces/delete`],
    grantTo: ["deploy"],
    scope: "the environment's namespace on the cluster (`<cluster id>/namespaces/<namespace>`), never the cluster",
    source: reference("containers"),
    note: "the deploy applies its workloads and the teams' Roles and RoleBindings in its namespace; not the namespace itself, its quotas, nor anything cluster-wide",
  },
  {
    role: "Azure Kubernetes Service RBAC Reader",
    grants: [],
    dataGrants: [`${kubernetes}/namespaces/read`, `${kubernetes}/apps/deployments/read`, `${kubernetes}/services/read`, `${kubernetes}/configmaps/read`, `${kubernetes}/serviceaccounts/read`],
    grantTo: ["preview"],
    scope: "the cluster: read-only Kubernetes API access for preview and drift (no Secrets)",
    source: reference("containers"),
  },
  {
    role: "Azure Kubernetes Service RBAC Writer",
    grants: [],
    dataGrants: [`${kubernetes}/namespaces/read`, `${kubernetes}/apps/deployments/*`, `${kubernetes}/services/*`, `${kubernetes}/configmaps/*`, `${kubernetes}/secrets/*`],
    scope: "not bound",
    source: reference("containers"),
    note: "no Roles or RoleBindings: the deploy could not apply the teams' RBAC in its namespace, so RBAC Admin there instead",
  },
];

/**
 * Each built-in role's definition id (the GUID ending a role assignment's `roleDefinitionId`, the same in every
 * tenant), by which the permission check finds the role of an assignment.
 */
const definitionIds: Readonly<Record<string, string>> = {
  AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
  AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
  "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
  "Storage Blob Data Reader": "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1",
  "Key Vault Crypto User": "12338af0-0e69-4776-bea7-57ae8d297424",
  "CDN Profile Contributor": "ec156ff8-a8d1-4d15-830c-5b80698ca432",
  "CDN Endpoint Contributor": "426e0c7f-0c7e-4658-b36f-ff54d6c29b45",
  "Azure Kubernetes Service Cluster User Role": "4abbcc35-e782-43d8-92c5-2d3f1bd2253f",
  "AzureML Data Scientist": "f6c7c914-8db3-469d-8ca1-694a8f32e121",
  "Azure Kubernetes Service RBAC Writer": "a7ffa36f-339b-4b5c-8bdf-e2c188b2c0eb",
  "Azure Kubernetes Service RBAC Reader": "7f6c6a51-bcf8-42ba-9220-52d62157d7db",
  "Azure Kubernetes Service RBAC Admin": "3498e952-d568-435e-9b2c-8d77e338d7f7",
};

/**
 * The published role data each built-in role's `grants`, `dataGrants` and `except` were checked against: the
 * built-in role definitions (`Microsoft.Authorization/roleDefinitions`, as ARM lists them) that iam-dataset
 * records (test/permissions/role-sources.test.ts holds the table to an extract of them).
 */
const roleData = "https://github.com/iann0036/iam-dataset/blob/2073fa52ac008a45477aa0b1b4580cd99135bf60/azure/built-in-roles-raw.json";

/** The review identity (dev): a custom role on each dev workload identity, to federate a review namespace's ServiceAccount. */
const reviewRoles: readonly RoleEntry[] = [
  {
    role: "custom:review federation",
    grants: [
      "Microsoft.ManagedIdentity/userAssignedIdentities/read",
      "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/read",
      "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/write",
      "Microsoft.ManagedIdentity/userAssignedIdentities/federatedIdentityCredentials/delete",
    ],
    grantTo: ["review"],
    scope: "each dev workload's user-assigned identity",
    source: "the Azure workload identity driver (components/clouds/azure/review-federation-role.ts: a custom role with exactly these actions)",
  },
];

/** The review identity pushes the pull request's images to the dev registry and reaches the dev cluster. */
const reviewToo = new Set(["AcrPush", "Azure Kubernetes Service Cluster User Role"]);

/** The roles the Pulumi state backend's bootstrap assigns (docs/azure.md): on the state container and the secrets key. */
const stateRoles = new Set(["Storage Blob Data Reader", "Key Vault Crypto User"]);

export const azureRoles: readonly RoleEntry[] = [...roles, ...kubernetesRoles, ...reviewRoles].map((r) => {
  const id = definitionIds[r.role];
  return {
    ...r,
    ...(id ? { id, checked: roleData } : {}),
    ...(stateRoles.has(r.role) ? { outsideStack: true } : {}),
    ...(reviewToo.has(r.role) && r.grantTo ? { grantTo: [...r.grantTo, "review" as const] } : {}),
  };
});
