import { fromNumber, parseIpv4Block } from "../../spec/cidr.ts";

/**
 * How the GCP network driver carves the spec's network range (16 equal blocks, each 1/16: a /20 of a /16):
 * - `nodes`: block 0, the subnetwork's primary range (cluster nodes, internal load balancers);
 * - `services`: block 1, the secondary range of the cluster's Services;
 * - `controlPlane`: the first /28 of block 2, the GKE control plane's private range;
 * - `privateServices`: blocks 4–7 (a quarter), the range reserved for private services access (Cloud SQL,
 *   Vertex AI), which Google peers into the network;
 * - `pods`: blocks 8–15 (the upper half), the secondary range of the cluster's Pods (GKE gives each node a /24).
 * Nothing overlaps, and the whole stays inside the spec's range, so the range is the network's whole address space.
 */
export interface GcpSubnetRanges {
  readonly nodes: string;
  readonly services: string;
  readonly controlPlane: string;
  readonly privateServices: string;
  readonly pods: string;
}

/** A /20 splits into /24 blocks, the smallest reserved range private services access takes (a /22 of a /20 network's quarter). */
export const largestGcpNetworkPrefix = 20;

export function gcpSubnetRanges(cidr: string): GcpSubnetRanges {
  const block = parseIpv4Block(cidr);
  if (typeof block === "string") throw new Error(`cannot split ${cidr} into GCP ranges: ${block}`);
  if (block.prefix > largestGcpNetworkPrefix) throw new Error(`cannot split ${cidr} into GCP ranges: expected a network of /${largestGcpNetworkPrefix} or larger (private services access takes at least a /24, a quarter of the range)`);
  const range = (bits: number, index: number, prefix = block.prefix + bits) => `${fromNumber(block.first + index * 2 ** (32 - block.prefix - bits)).toString()}/${prefix}`;
  return {
    nodes: range(4, 0),
    services: range(4, 1),
    controlPlane: range(4, 2, 28),
    privateServices: range(2, 1),
    pods: range(1, 1),
  };
}
