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

export function subnetCidrs(cidr: string, zones: number): SubnetPlan {
  const [address = "", prefixText = ""] = cidr.split("/");
  const prefix = Number(prefixText);
  const octets = address.split(".").map(Number);
  if (octets.length !== 4 || octets.some((o) => !Number.isInteger(o) || o < 0 || o > 255) || !Number.isInteger(prefix) || prefix > 32 - blockBits - 4) {
    throw new Error(`cannot split ${cidr} into subnets: expected an IPv4 network of /${32 - blockBits - 4} or larger`);
  }
  if (zones * 3 > 2 ** blockBits) throw new Error(`cannot fit ${zones} zones of three subnet tiers into ${cidr}`);
  const base = octets.reduce((n, o) => n * 256 + o, 0);
  const size = 2 ** (32 - prefix - blockBits);
  const block = (index: number) => `${toAddress(base - (base % (size * 2 ** blockBits)) + index * size)}/${prefix + blockBits}`;
  const range = (offset: number) => Array.from({ length: zones }, (_, i) => block(offset + i));
  return { private: range(0), data: range(zones), public: range(2 * zones) };
}

function toAddress(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}
