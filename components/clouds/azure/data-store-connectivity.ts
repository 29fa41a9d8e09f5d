import type * as pulumi from "@pulumi/pulumi";
import { connectivityHandles } from "../../infra/network/connectivity-handle.ts";

/**
 * Azure's private connectivity for data stores: the subnet private endpoints are placed in, and the private DNS
 * zone per service (`privatelink.postgres.database.azure.com`, `privatelink.blob.core.windows.net`, ...) linked to
 * the virtual network, that each private endpoint registers its address in. The Flexible Server uses VNet
 * integration instead (a delegated subnet and its own private DNS zone).
 */
export interface AzureDataStoreConnectivity {
  readonly virtualNetworkId: pulumi.Output<string>;
  /** Where private endpoints get their interfaces. */
  readonly privateEndpointSubnetId: pulumi.Output<string>;
  /** A subnet delegated to `Microsoft.DBforPostgreSQL/flexibleServers` (VNet-integrated private access). */
  readonly postgresSubnetId: pulumi.Output<string>;
  /** Private DNS zone id per zone name (`privatelink.blob.core.windows.net` → its id), each linked to the network. */
  readonly privateDnsZoneIds: Readonly<Record<string, pulumi.Output<string>>>;
  /** The network's address range: what the data stores' rules admit. */
  readonly cidr: string;
}

const handles = connectivityHandles<AzureDataStoreConnectivity>("Azure");

/** The network driver's handle: opaque to tiers, readable by the Azure data-store drivers. */
export const azureDataStoreConnectivity = handles.make;

/** What a Azure data-store driver places itself on; a handle another cloud's network made is refused. */
export const azureDataStoreConnectivityOf = handles.read;
