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

export const azureRoles: readonly RoleEntry[] = [
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
    note: "the kubeconfig only; the Kubernetes objects are authorized by Azure RBAC for Kubernetes (the two roles below)",
  },
  {
    role: "Azure Kubernetes Service RBAC Admin",
    grants: ["Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"],
    dataGrants: ["Microsoft.ContainerService/managedClusters/*"],
    except: ["Microsoft.ContainerService/managedClusters/resourcequotas/write", "Microsoft.ContainerService/managedClusters/resourcequotas/delete", "Microsoft.ContainerService/managedClusters/namespaces/write", "Microsoft.ContainerService/managedClusters/namespaces/delete"],
    grantTo: ["deploy"],
    scope: "the environment's namespace of the cluster (`<cluster id>/namespaces/<namespace>`): its workloads and the teams' Roles and RoleBindings, not the namespace itself",
    source: reference("containers"),
    note: "namespaced admin, as AWS's AmazonEKSAdminPolicy scoped to the namespace; RBAC Writer could not make the teams' RoleBindings",
  },
  {
    role: "Azure Kubernetes Service RBAC Reader",
    grants: [],
    dataGrants: ["Microsoft.ContainerService/managedClusters/apps/*/read", "Microsoft.ContainerService/managedClusters/batch/*/read", "Microsoft.ContainerService/managedClusters/configmaps/read", "Microsoft.ContainerService/managedClusters/pods/read", "Microsoft.ContainerService/managedClusters/services/read", "Microsoft.ContainerService/managedClusters/namespaces/read"],
    grantTo: ["preview"],
    scope: "the cluster: previews and drift checks read the objects the stack manages (Secrets excluded by the role)",
    source: reference("containers"),
    note: "the data actions listed are the reads a preview makes; the role grants more reads and no write",
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
