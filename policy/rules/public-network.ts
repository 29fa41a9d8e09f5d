import { get, isSet } from "../inputs.ts";
import { defaultActionDenies, publicNetworkDisabled } from "../properties/public-network.ts";
import type { Rule } from "../rule.ts";
import { byType, problems } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const off = (what: string, path: string) => `${what} is reachable from the public network (${path} is not "Disabled")`;
const deny = (what: string, path: string) => `${what} admits what its network rules do not name (${path} is not "Deny")`;

/**
 * PaaS endpoints stay on the private network: reached through private endpoints (Azure) or a private network
 * (Vertex AI), never from the internet. Databases and the warehouse are `no-public-database`'s.
 */
export const noPublicNetworkAccess: Rule = {
  id: "no-public-network-access",
  description: "Storage accounts, registries, key vaults, the catalog and ML workspaces and endpoints are reachable only through private endpoints, never from the public network.",
  severity: "critical",
  remediation: "Azure: publicNetworkAccess \"Disabled\" (properties.publicNetworkAccess on Key Vaults and online endpoints) with a private endpoint and private DNS zone, and network rules with defaultAction \"Deny\" on storage accounts and Key Vaults. GCP: give the Vertex AI endpoint a network (VPC peering) or privateServiceConnectConfig.",
  controls: controlSets.noPublicAccess,
  ...byType({
    "azure-native:storage:StorageAccount": (i) =>
      problems([!publicNetworkDisabled(i["publicNetworkAccess"]), off("storage account", "publicNetworkAccess")], [!defaultActionDenies(get(i, "networkRuleSet.defaultAction")), deny("storage account", "networkRuleSet.defaultAction")]),
    "azure-native:containerregistry:Registry": (i) => (publicNetworkDisabled(i["publicNetworkAccess"]) ? undefined : off("registry", "publicNetworkAccess")),
    "azure-native:keyvault:Vault": (i) =>
      problems(
        [!publicNetworkDisabled(get(i, "properties.publicNetworkAccess")), off("key vault", "properties.publicNetworkAccess")],
        [!defaultActionDenies(get(i, "properties.networkAcls.defaultAction")), deny("key vault", "properties.networkAcls.defaultAction")],
      ),
    "azure-native:purview:Account": (i) => (publicNetworkDisabled(i["publicNetworkAccess"]) ? undefined : off("catalog", "publicNetworkAccess")),
    "azure-native:machinelearningservices:Workspace": (i) => (publicNetworkDisabled(i["publicNetworkAccess"]) ? undefined : off("ML workspace", "publicNetworkAccess")),
    "azure-native:machinelearningservices:OnlineEndpoint": (i) => (publicNetworkDisabled(get(i, "properties.publicNetworkAccess")) ? undefined : off("ML endpoint", "properties.publicNetworkAccess")),
    "gcp:vertex/aiEndpoint:AiEndpoint": (i) =>
      isSet(i["network"]) || get(i, "privateServiceConnectConfig.enablePrivateServiceConnect") === true ? undefined : "ML endpoint is public (neither network nor privateServiceConnectConfig.enablePrivateServiceConnect is set)",
  }),
};
