import type { RuleResource } from "../rule.ts";

/** The input each Azure type takes its own name from (the last segment of its ARM id). */
const azureNameInputs = ["accountName", "registryName", "vaultName", "serverName", "workspaceName", "resourceName", "endpointName", "profileName", "networkSecurityGroupName", "virtualNetworkName", "name"];

/**
 * True when an ARM id (or the offline plan's placeholder for one: the logical name) points at `resource` or at one
 * of its sub-resources: a storage account's diagnostics are set on `…/storageAccounts/NAME/blobServices/default`.
 * The name must be a whole path segment, so `lake` does not match `…/storageAccounts/lakeraw`.
 */
export function refersToAzure(reference: unknown, resource: RuleResource): boolean {
  if (typeof reference !== "string" || reference === "") return false;
  const names = [resource.name, ...azureNameInputs.map((key) => resource.inputs[key])].filter((n): n is string => typeof n === "string" && n !== "");
  if (reference === resource.urn) return true;
  const segments = reference.toLowerCase().split("/");
  return names.some((n) => reference === n || segments.includes(n.toLowerCase()));
}
