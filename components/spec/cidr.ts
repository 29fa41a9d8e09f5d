import ipaddr from "ipaddr.js";

/**
 * IPv4 CIDR blocks in the spec, parsed with ipaddr.js. A block must be written as its network address
 * (`10.0.0.0/16`, not `10.0.5.1/16`): a block with host bits set means the author had another network in mind,
 * and guessing which one is worse than asking.
 */
export interface Ipv4Block {
  readonly address: ipaddr.IPv4;
  readonly prefix: number;
  /** The first and last address as 32-bit numbers. */
  readonly first: number;
  readonly last: number;
}

/** The block, or a sentence saying what is wrong with it (the caller names the key). */
export function parseIpv4Block(text: string): Ipv4Block | string {
  // Strict four-part decimal only: ipaddr.js would otherwise also read "10.1/16" or "0x0a.0.0.0/16".
  if (!ipaddr.IPv4.isValidCIDRFourPartDecimal(text)) return `got ${JSON.stringify(text)}, expected an IPv4 CIDR block such as 10.0.0.0/16`;
  const [address, prefix] = ipaddr.IPv4.parseCIDR(text);
  const network = ipaddr.IPv4.networkAddressFromCIDR(text);
  if (network.toString() !== address.toString()) {
    return `got ${JSON.stringify(text)}, expected a network address: host bits are set (did you mean ${network.toString()}/${prefix}?)`;
  }
  const first = toNumber(network);
  return { address: network, prefix, first, last: first + 2 ** (32 - prefix) - 1 };
}

export function toNumber(address: ipaddr.IPv4): number {
  return address.octets.reduce((n, octet) => n * 256 + octet, 0);
}

export function fromNumber(n: number): ipaddr.IPv4 {
  return ipaddr.fromByteArray([24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256)) as ipaddr.IPv4;
}

/** How many addresses the blocks cover together, overlaps counted once. */
export function coveredAddresses(blocks: readonly Ipv4Block[]): number {
  const sorted = [...blocks].sort((a, b) => a.first - b.first);
  let total = 0;
  let end = -1;
  for (const block of sorted) {
    if (block.last <= end) continue;
    total += block.last - Math.max(block.first, end + 1) + 1;
    end = block.last;
  }
  return total;
}
