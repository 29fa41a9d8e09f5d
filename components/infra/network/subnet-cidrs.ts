import { fromNumber, parseIpv4Block } from "../../spec/cidr.ts";

/**
 * Splits a network's CIDR into three tiers of equal blocks, one block per zone in each: workloads, data stores,
 * load balancers. Each block is 1/16 of the network (a /20 of a /16), so three tiers over at most three zones
 * use 9 of 16 blocks and leave room to grow.
 */
export interface SubnetPlan {
  readonly private: readonly string[];
  readonly data: readonly string[];
  readonly public: readonly string[];
}

const blockBits = 4;
/** The smallest subnet every cloud accepts is a /28 (AWS's minimum; GCP's /29 and Azure's /29 are smaller). */
const smallestSubnetPrefix = 28;
/** The longest network prefix that still splits into /28 blocks: a /24. */
export const smallestNetworkPrefix = smallestSubnetPrefix - blockBits;
export const maxZones = 2 ** blockBits / 3;

/** The spec has validated the CIDR (`stratum:infra.network.cidr`); this throws only if that was skipped. */
export function subnetCidrs(cidr: string, zones: number): SubnetPlan {
  const block = parseIpv4Block(cidr);
  if (typeof block === "string") throw new Error(`cannot split ${cidr} into subnets: ${block}`);
  if (block.prefix > smallestNetworkPrefix) throw new Error(`cannot split ${cidr} into subnets: expected an IPv4 network of /${smallestNetworkPrefix} or larger`);
  if (zones < 1 || zones > maxZones) throw new Error(`cannot fit ${zones} zones of three subnet tiers into ${cidr}`);
  const size = 2 ** (32 - block.prefix - blockBits);
  const subnet = (index: number) => `${fromNumber(block.first + index * size).toString()}/${block.prefix + blockBits}`;
  const range = (offset: number) => Array.from({ length: zones }, (_, i) => subnet(offset + i));
  return { private: range(0), data: range(zones), public: range(2 * zones) };
}
