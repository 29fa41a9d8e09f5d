import type { OfflineAnswers } from "../../components/cloud-module.ts";
import type { PlanReport, PlanResource } from "../plan/model.ts";
import { ResourceIndex, text, type LocatedResource } from "./resource-index.ts";

/**
 * An Azure plan's resources as Azure RBAC sees them: each by its ARM id (what a role assignment's scope contains),
 * compared ignoring case as ARM does. The offline plan's own id is used where it is an ARM id; otherwise the id is
 * made from the resource's type and name inputs, in the stack's resource group.
 */

export const azureTypes = {
  identity: "azure-native:managedidentity:UserAssignedIdentity",
  federatedCredential: "azure-native:managedidentity:FederatedIdentityCredential",
  roleAssignment: "azure-native:authorization:RoleAssignment",
  roleDefinition: "azure-native:authorization:RoleDefinition",
  registry: "azure-native:containerregistry:Registry",
  cluster: "azure-native:containerservice:ManagedCluster",
  storageAccount: "azure-native:storage:StorageAccount",
  frontDoorEndpoint: "azure-native:cdn:AFDEndpoint",
  onlineEndpoint: "azure-native:machinelearningservices:OnlineEndpoint",
} as const;

/** Each target type's ARM resource type path and the inputs naming it (a parent's name first; `=x` a fixed name). */
const armTypes: Readonly<Record<string, { readonly path: string; readonly names: readonly string[] }>> = {
  [azureTypes.identity]: { path: "Microsoft.ManagedIdentity/userAssignedIdentities", names: ["resourceName"] },
  [azureTypes.registry]: { path: "Microsoft.ContainerRegistry/registries", names: ["registryName"] },
  [azureTypes.cluster]: { path: "Microsoft.ContainerService/managedClusters", names: ["resourceName"] },
  [azureTypes.storageAccount]: { path: "Microsoft.Storage/storageAccounts", names: ["accountName"] },
  [azureTypes.frontDoorEndpoint]: { path: "Microsoft.Cdn/profiles/afdEndpoints", names: ["profileName", "endpointName"] },
  [azureTypes.onlineEndpoint]: { path: "Microsoft.MachineLearningServices/workspaces/onlineEndpoints", names: ["workspaceName", "endpointName"] },
  "azure-native:machinelearningservices:Workspace": { path: "Microsoft.MachineLearningServices/workspaces", names: ["workspaceName"] },
  "azure-native:keyvault:Vault": { path: "Microsoft.KeyVault/vaults", names: ["vaultName"] },
  "azure-native:storage:BlobContainer": { path: "Microsoft.Storage/storageAccounts/blobServices/containers", names: ["accountName", "=default", "containerName"] },
};

/** The ARM resource type path of an action or data action's resource: the target types whose path begins it. */
export function actionTargets(action: string): string[] {
  return Object.entries(armTypes)
    .filter(([, t]) => action.toLowerCase().startsWith(`${t.path.toLowerCase()}/`))
    .sort(([, a], [, b]) => b.path.length - a.path.length)
    .map(([type]) => type);
}

/** Whether `scope` is `id` or one of its ancestors (ARM ids nest by path; case is ignored). */
export function scopeContains(scope: string, id: string): boolean {
  const s = scope.toLowerCase().replace(/\/+$/, "");
  const r = id.toLowerCase();
  return r === s || r.startsWith(`${s}/`);
}

export class AzurePlan {
  readonly index: ResourceIndex;
  readonly subscription: string;
  readonly resourceGroup: string;

  constructor(plan: PlanReport, offline: OfflineAnswers) {
    this.subscription = String(plan.outputs["subscriptionId"] ?? "");
    this.resourceGroup = String(plan.outputs["resourceGroup"] ?? "");
    this.index = new ResourceIndex(plan, offline, (r, id, computed) => this.describe(r, id, computed), true);
  }

  private describe(r: PlanResource, id: string, computed: Readonly<Record<string, unknown>>): { fullName: string; identifiers: (string | undefined)[] } {
    const t = armTypes[r.type];
    if (!t) return { fullName: id, identifiers: [] };
    const names = t.names.map((n) => (n.startsWith("=") ? n.slice(1) : (text(r.inputs[n]) ?? r.name)));
    const segments = t.path.split("/").slice(1);
    const typed = segments.map((segment, i) => `${segment}/${names[i] ?? r.name}`).join("/");
    const group = text(r.inputs["resourceGroupName"]) ?? this.resourceGroup;
    const made = `/subscriptions/${this.subscription}/resourceGroups/${group}/providers/${t.path.split("/")[0]}/${typed}`;
    const armId = id.startsWith("/subscriptions/") ? id : text(computed["id"])?.startsWith("/subscriptions/") ? String(computed["id"]) : made;
    const last = names[names.length - 1];
    const login = r.type === azureTypes.registry ? text(computed["loginServer"]) ?? `${last}.azurecr.io` : undefined;
    return { fullName: armId, identifiers: [last, login, made] };
  }

  /** A user-assigned identity's principal (object) id and client id: computed by Azure, read from the offline answers. */
  identityIds(identity: LocatedResource): { principalId?: string; clientId?: string } {
    const principalId = text(identity.computed["principalId"]);
    const clientId = text(identity.computed["clientId"]);
    return { ...(principalId ? { principalId } : {}), ...(clientId ? { clientId } : {}) };
  }
}
