import * as pulumi from "@pulumi/pulumi";
import { fromNumber, parseIpv4Block } from "../../spec/cidr.ts";
import type { Network } from "../../infra/network/network.ts";

/**
 * The Azure network's subnets, each a 1/16 block of the network's range (as subnet-cidrs.ts carves it for every
 * cloud): the workload subnets (one per zone when egress is zonal, each behind its zone's NAT gateway; one
 * otherwise), then the private endpoints', the Flexible Server's delegated subnet and the cluster API server's
 * (VNet integration, so the control plane reaches the private Key Vault for KMS).
 */
export const subnetNames = { workloads: "workloads", privateEndpoints: "private-endpoints", postgres: "postgres", apiServer: "api-server" } as const;

export interface AzureSubnetPlan {
  readonly workloads: readonly { readonly name: string; readonly cidr: string }[];
  readonly privateEndpoints: string;
  readonly postgres: string;
  readonly apiServer: string;
}

export function azureSubnetPlan(cidr: string, workloadSubnets: number): AzureSubnetPlan {
  const block = parseIpv4Block(cidr);
  if (typeof block === "string") throw new Error(`cannot split ${cidr} into subnets: ${block}`);
  const size = 2 ** (32 - block.prefix - 4);
  const subnet = (index: number) => `${fromNumber(block.first + index * size).toString()}/${block.prefix + 4}`;
  const workloads = Array.from({ length: workloadSubnets }, (_, i) => ({ name: workloadSubnets === 1 ? subnetNames.workloads : `${subnetNames.workloads}-${i + 1}`, cidr: subnet(i) }));
  return { workloads, privateEndpoints: subnet(workloadSubnets), postgres: subnet(workloadSubnets + 1), apiServer: subnet(workloadSubnets + 2) };
}

/** What the Azure cluster driver needs of the network beyond the contract: the API server's subnet and the zone of each workload subnet. */
export interface AzureClusterSubnets {
  readonly apiServerSubnetId: pulumi.Output<string>;
  /** Per workload subnet: its id and, when egress is zonal, the one zone its nodes are pinned to. */
  readonly workloads: readonly { readonly subnetId: pulumi.Output<string>; readonly zones: readonly string[] }[];
}

const clusterSubnets = new WeakMap<Network, AzureClusterSubnets>();

export function withClusterSubnets<N extends Network>(network: N, subnets: AzureClusterSubnets): N {
  clusterSubnets.set(network, subnets);
  return network;
}

/** The cluster subnets of a network the Azure network driver made; any other network is refused. */
export function azureClusterSubnetsOf(network: Network): AzureClusterSubnets {
  const subnets = clusterSubnets.get(network);
  if (!subnets) throw new Error("the cluster's network was not made by the Azure network driver");
  return subnets;
}

/** A subnet's ARM id: inline subnets exist once their virtual network does. */
export function subnetId(networkId: pulumi.Input<string>, name: string): pulumi.Output<string> {
  return pulumi.interpolate`${networkId}/subnets/${name}`;
}
