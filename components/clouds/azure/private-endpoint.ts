import type * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import type { DriverContext } from "../../capability.ts";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";
import { azureDataStoreConnectivityOf, type AzureDataStoreConnectivity } from "./data-store-connectivity.ts";
import { privateLinkZones, type PrivateLinkGroup } from "./private-dns-zones.ts";
import { resourceGroupOf } from "./resource-group.ts";

export interface PrivateEndpointArgs {
  /** The network's handle (`network.dataStores`, or what the Azure network driver made of it). */
  readonly connectivity: DataStoreConnectivity | AzureDataStoreConnectivity;
  /** The ARM id of the PaaS resource reached privately (a vault, registry, storage account, workspace). */
  readonly resourceId: pulumi.Input<string>;
  /** Its private-link sub-resource: `vault`, `registry`, `blob`, `dfs`, `Sql`, `account`, `amlworkspace`, ... */
  readonly group: PrivateLinkGroup;
}

export interface PrivateEndpoint {
  readonly endpoint: network.PrivateEndpoint;
  /** Registers the endpoint's address in its group's private DNS zones (`privateLinkZones`). */
  readonly zoneGroup: network.PrivateDnsZoneGroup;
}

/**
 * A private endpoint for one sub-resource of a PaaS resource, in the network's private-endpoint subnet, and its
 * private DNS zone group, so the resource's public host name resolves to the endpoint's address inside the
 * virtual network. A resource with its public network access disabled is reachable only this way. One endpoint
 * per sub-resource: a storage account's `blob` and `dfs` are two calls. The connection is automatic
 * (`privateLinkServiceConnections`): the stack owns both sides, so no manual approval is pending.
 */
export function privateEndpoint(ctx: DriverContext, suffix: string, args: PrivateEndpointArgs, opts: pulumi.CustomResourceOptions = {}): PrivateEndpoint {
  const connectivity = isAzureHandle(args.connectivity) ? args.connectivity : azureDataStoreConnectivityOf(args.connectivity);
  const resourceGroupName = resourceGroupOf(ctx);
  const name = ctx.name(`${suffix}-pe`);
  const zones = privateLinkZones[args.group].map((zone) => {
    const id = connectivity.privateDnsZoneIds[zone];
    if (!id) throw new Error(`the network has no private DNS zone ${zone} for a private endpoint to ${args.group}: add it to components/clouds/azure/private-dns-zones.ts`);
    return { name: zone.replace(/\./g, "-"), privateDnsZoneId: id };
  });
  const endpoint = new network.PrivateEndpoint(name, {
    privateEndpointName: name,
    resourceGroupName,
    location: ctx.region,
    subnet: { id: connectivity.privateEndpointSubnetId },
    customNetworkInterfaceName: `${name}-nic`,
    privateLinkServiceConnections: [{ name, privateLinkServiceId: args.resourceId, groupIds: [args.group] }],
  }, { parent: ctx.parent, ...opts });
  const zoneGroup = new network.PrivateDnsZoneGroup(`${name}-dns`, {
    resourceGroupName,
    privateEndpointName: endpoint.name,
    privateDnsZoneGroupName: "default",
    privateDnsZoneConfigs: zones,
  }, { parent: ctx.parent });
  return { endpoint, zoneGroup };
}

function isAzureHandle(value: DataStoreConnectivity | AzureDataStoreConnectivity): value is AzureDataStoreConnectivity {
  return "privateEndpointSubnetId" in value;
}
