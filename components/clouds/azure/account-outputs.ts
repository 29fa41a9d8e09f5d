import { accountOf, type PlatformSpec } from "../../spec/index.ts";

/**
 * Azure's cloud-wide stack outputs, from the spec's account section: what `azure/login` takes (subscription,
 * tenant) and the resource group every resource of the stack is in (`az aks get-credentials --resource-group`).
 */
export function azureAccountOutputs(spec: PlatformSpec): Readonly<Record<string, string>> {
  const { subscriptionId, tenantId, resourceGroup } = accountOf(spec, "azure");
  return { subscriptionId, tenantId, resourceGroup };
}
