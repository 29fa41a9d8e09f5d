import * as pulumi from "@pulumi/pulumi";
import * as network from "@pulumi/azure-native/network/index.js";
import * as privatedns from "@pulumi/azure-native/privatedns/index.js";
import type { Driver } from "../../capability.ts";
import { azureDataStoreConnectivity } from "../../clouds/azure/data-store-connectivity.ts";
import { keyUser } from "../../clouds/azure/key-user.ts";
import { keyVaultKeyOf } from "../../clouds/azure/key-vault-key.ts";
import { privateDnsZoneNames } from "../../clouds/azure/private-dns-zones.ts";
import { privateEndpoint } from "../../clouds/azure/private-endpoint.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { roleAssignment } from "../../clouds/azure/role-assignment.ts";
import { secureStorageAccount } from "../../clouds/azure/secure-storage-account.ts";
import { azureSubnetPlan, subnetId, subnetNames, withClusterSubnets } from "../../clouds/azure/subnets.ts";
import type { Network, NetworkArgs } from "./network.ts";

export interface AzureNetwork extends Network {
  readonly native: {
    readonly virtualNetwork: network.VirtualNetwork;
    readonly natGateways: readonly network.NatGateway[];
    readonly securityGroups: Readonly<Record<string, network.NetworkSecurityGroup>>;
    readonly privateZones: Readonly<Record<string, privatedns.PrivateZone>>;
    readonly flowLog?: network.FlowLog;
  };
}

/** The days a VNet flow log keeps its records in storage (Network Watcher's maximum is 365). */
export function flowLogRetentionDays(days: number): number {
  return Math.min(365, Math.max(1, days));
}

/**
 * A virtual network with no default outbound access anywhere: workloads leave only through NAT gateways (one,
 * or one per zone, each zone's workload subnet on its own), and nothing enters from the internet (the network
 * security groups hold no rule admitting it, so Azure's DenyAllInBound applies). PaaS services are reached
 * through private endpoints in their own subnet (network policies on, so its security group applies to them),
 * registered in a private DNS zone per service, each linked to the network; the Key Vault's endpoint is made here,
 * since the vault comes before the network. VNet flow logs (Network Watcher) go to a storage account of their own.
 */
export const azureNetwork: Driver<NetworkArgs, AzureNetwork> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const resourceGroupName = resourceGroupOf(ctx);
    const location = ctx.region;
    const zonal = args.egress === "zonal";
    const zones = Array.from({ length: args.zones }, (_, i) => String(i + 1));
    const plan = azureSubnetPlan(args.cidr, zonal ? args.zones : 1);

    const natGateways = (zonal ? zones.map((zone) => [zone]) : [zones]).map((natZones) => {
      const suffix = zonal ? `nat-${natZones[0]}` : "nat";
      const ip = new network.PublicIPAddress(ctx.name(`${suffix}-ip`), {
        publicIpAddressName: ctx.name(`${suffix}-ip`),
        resourceGroupName,
        location,
        sku: { name: network.PublicIPAddressSkuName.Standard, tier: network.PublicIPAddressSkuTier.Regional },
        publicIPAllocationMethod: network.IPAllocationMethod.Static,
        publicIPAddressVersion: network.IPVersion.IPv4,
        zones: natZones,
      }, opts);
      return new network.NatGateway(ctx.name(suffix), {
        natGatewayName: ctx.name(suffix),
        resourceGroupName,
        location,
        sku: { name: network.NatGatewaySkuName.Standard },
        // A zonal gateway lives in its zone; the shared one is regional, its address zone-redundant.
        ...(zonal ? { zones: natZones } : {}),
        idleTimeoutInMinutes: 4,
        publicIpAddresses: [{ id: ip.id }],
      }, opts);
    });

    const securityGroup = (suffix: string) =>
      new network.NetworkSecurityGroup(ctx.name(`${suffix}-nsg`), {
        networkSecurityGroupName: ctx.name(`${suffix}-nsg`),
        resourceGroupName,
        location,
        // No inbound rule from the internet: Azure's default rules admit the network and its load balancer only.
        securityRules: [],
      }, opts);
    const securityGroups = {
      workloads: securityGroup("workloads"),
      privateEndpoints: securityGroup("private-endpoints"),
      postgres: securityGroup("postgres"),
      apiServer: securityGroup("api-server"),
    };
    const delegation = (service: string) => [{ name: service.split("/")[0]!, serviceName: service }];
    const virtualNetwork = new network.VirtualNetwork(ctx.name("vnet"), {
      virtualNetworkName: ctx.name("vnet"),
      resourceGroupName,
      location,
      addressSpace: { addressPrefixes: [args.cidr] },
      // DDoS Network Protection is a paid plan per tenant: the platform's only public entries are Front Door and the ingress.
      enableDdosProtection: false,
      subnets: [
        ...plan.workloads.map((w, i) => ({
          name: w.name,
          addressPrefix: w.cidr,
          defaultOutboundAccess: false,
          natGateway: { id: natGateways[zonal ? i : 0]!.id },
          networkSecurityGroup: { id: securityGroups.workloads.id },
        })),
        {
          name: subnetNames.privateEndpoints,
          addressPrefix: plan.privateEndpoints,
          defaultOutboundAccess: false,
          privateEndpointNetworkPolicies: network.VirtualNetworkPrivateEndpointNetworkPolicies.Enabled,
          networkSecurityGroup: { id: securityGroups.privateEndpoints.id },
        },
        {
          name: subnetNames.postgres,
          addressPrefix: plan.postgres,
          defaultOutboundAccess: false,
          delegations: delegation("Microsoft.DBforPostgreSQL/flexibleServers"),
          networkSecurityGroup: { id: securityGroups.postgres.id },
        },
        {
          name: subnetNames.apiServer,
          addressPrefix: plan.apiServer,
          defaultOutboundAccess: false,
          delegations: delegation("Microsoft.ContainerService/managedClusters"),
          networkSecurityGroup: { id: securityGroups.apiServer.id },
        },
      ],
    }, opts);

    const privateZones: Record<string, privatedns.PrivateZone> = {};
    const privateDnsZoneIds: Record<string, pulumi.Output<string>> = {};
    for (const zone of privateDnsZoneNames()) {
      const suffix = `dns-${zone.replace(/^privatelink\./, "").replace(/\./g, "-")}`;
      const privateZone = new privatedns.PrivateZone(ctx.name(suffix), { privateZoneName: zone, resourceGroupName, location: "global" }, opts);
      new privatedns.VirtualNetworkLink(ctx.name(`${suffix}-link`), {
        virtualNetworkLinkName: ctx.name("vnet"),
        privateZoneName: privateZone.name,
        resourceGroupName,
        location: "global",
        virtualNetwork: { id: virtualNetwork.id },
        registrationEnabled: false,
      }, opts);
      privateZones[zone] = privateZone;
      privateDnsZoneIds[zone] = privateZone.id;
    }
    const connectivity = {
      virtualNetworkId: virtualNetwork.id,
      privateEndpointSubnetId: subnetId(virtualNetwork.id, subnetNames.privateEndpoints),
      postgresSubnetId: subnetId(virtualNetwork.id, subnetNames.postgres),
      privateDnsZoneIds,
      cidr: args.cidr,
    };
    privateEndpoint(ctx, "vault", { connectivity, resourceId: keyVaultKeyOf(ctx, args.keyId).vaultId, group: "vault" });

    const flowLog = args.flowLogs ? vnetFlowLog(ctx, args, virtualNetwork) : undefined;
    const workloadSubnetIds = plan.workloads.map((w) => subnetId(virtualNetwork.id, w.name));
    const result: AzureNetwork = {
      networkId: virtualNetwork.id,
      cidr: args.cidr,
      privateSubnetIds: pulumi.all(workloadSubnetIds),
      dataStores: azureDataStoreConnectivity(connectivity),
      native: { virtualNetwork, natGateways, securityGroups, privateZones, ...(flowLog ? { flowLog } : {}) },
    };
    return withClusterSubnets(result, {
      apiServerSubnetId: subnetId(virtualNetwork.id, subnetNames.apiServer),
      workloads: workloadSubnetIds.map((id, i) => ({ subnetId: id, zones: zonal ? [zones[i]!] : zones })),
    });
  },
};

/**
 * VNet flow logs: a Network Watcher in the stack's group, writing as a user-assigned identity (the account takes no
 * shared key) to a storage account of its own, encrypted with the platform key.
 */
function vnetFlowLog(ctx: Parameters<typeof azureNetwork.create>[1], args: NetworkArgs, virtualNetwork: network.VirtualNetwork): network.FlowLog {
  const opts = { parent: ctx.parent };
  const resourceGroupName = resourceGroupOf(ctx);
  const writer = keyUser(ctx, "flow-logs", args.keyId);
  const { account } = secureStorageAccount(ctx, "flowlogs", { keyUser: writer, logDestination: args.logDestination, zoneRedundant: true, softDeleteDays: 7 });
  const write = roleAssignment(ctx, "flow-logs-writer", { scope: account.id, role: "Storage Blob Data Contributor", principalId: writer.identity.principalId, principalType: "ServicePrincipal" });
  const watcher = new network.NetworkWatcher(ctx.name("network-watcher"), { networkWatcherName: ctx.name("network-watcher"), resourceGroupName, location: ctx.region }, opts);
  return new network.FlowLog(ctx.name("flow-log"), {
    flowLogName: ctx.name("flow-log"),
    networkWatcherName: watcher.name,
    resourceGroupName,
    location: ctx.region,
    targetResourceId: virtualNetwork.id,
    storageId: account.id,
    enabled: true,
    identity: { type: network.ResourceIdentityType.UserAssigned, userAssignedIdentities: [writer.identity.id] },
    format: { type: network.FlowLogFormatType.JSON, version: 2 },
    retentionPolicy: { enabled: true, days: flowLogRetentionDays(args.logRetentionDays) },
  }, { ...opts, dependsOn: [write] });
}
