/**
 * The private DNS zone of each private-link sub-resource (the private endpoint's `groupIds`) the platform uses, from
 * https://learn.microsoft.com/azure/private-link/private-endpoint-dns (public cloud). The network driver creates
 * every zone here and links it to the virtual network; a private endpoint registers its address in its group's
 * zones, so the service's public name resolves to the private address inside the network.
 */
export const privateLinkZones = {
  /** Key Vault. */
  vault: ["privatelink.vaultcore.azure.net"],
  /** Container Registry: the registry's login server and its regional data endpoints share the zone. */
  registry: ["privatelink.azurecr.io"],
  /** Storage: Blob, the Data Lake (hierarchical namespace) endpoint, the static website. */
  blob: ["privatelink.blob.core.windows.net"],
  dfs: ["privatelink.dfs.core.windows.net"],
  web: ["privatelink.web.core.windows.net"],
  /** Synapse: dedicated and serverless SQL share one zone; `Dev` is the workspace's development endpoint. */
  Sql: ["privatelink.sql.azuresynapse.net"],
  SqlOnDemand: ["privatelink.sql.azuresynapse.net"],
  Dev: ["privatelink.dev.azuresynapse.net"],
  /** Purview: the account's API and its portal. */
  account: ["privatelink.purview.azure.com"],
  portal: ["privatelink.purviewstudio.azure.com"],
  /** Azure Machine Learning workspace: its API and its notebooks. */
  amlworkspace: ["privatelink.api.azureml.ms", "privatelink.notebooks.azure.net"],
} as const satisfies Record<string, readonly string[]>;

export type PrivateLinkGroup = keyof typeof privateLinkZones;

/**
 * The Flexible Server's zone: VNet integration (a delegated subnet) resolves the server's name in a private zone
 * the server is given, not through a private endpoint.
 */
export const postgresPrivateZone = "privatelink.postgres.database.azure.com";

/** Every zone the network creates and links, once each. */
export function privateDnsZoneNames(): string[] {
  return [...new Set([postgresPrivateZone, ...Object.values(privateLinkZones).flat()])];
}
