import ipaddr from "ipaddr.js";

/*
 * "Open to the internet", defined once, by address coverage rather than by string: a set of source ranges is open
 * to the internet when, together, they cover every public unicast address of IPv4 or of IPv6. So `0.0.0.0/0`,
 * `0.0.0.0/1` + `128.0.0.0/1`, and "every /8 but the private ones" are all caught, while `10.0.0.0/8` or one
 * office's /24 are not. Ranges the IANA reserves (private, loopback, link-local, documentation, multicast...) are
 * not reachable from the internet, so leaving them out of a list does not make it any less open.
 */

type Range = readonly [bigint, bigint];

/** IANA special-purpose IPv4 blocks (RFC 6890 and successors): not routable on the public internet. */
const reservedIpv4 = ["0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4"];
/** IPv6: everything outside global unicast (2000::/3) is not the internet, and within it the documentation range. */
const reservedIpv6 = ["::/3", "4000::/2", "8000::/1", "2001:db8::/32"];

function range(cidr: string): { family: 4 | 6; range: Range } | undefined {
  if (!ipaddr.isValidCIDR(cidr)) return undefined;
  const [address, prefix] = ipaddr.parseCIDR(cidr);
  const bits = address.kind() === "ipv4" ? 32 : 128;
  const value = address.toByteArray().reduce((n, byte) => (n << 8n) | BigInt(byte), 0n);
  const size = 1n << BigInt(bits - prefix);
  const start = value - (value % size);
  return { family: bits === 32 ? 4 : 6, range: [start, start + size - 1n] };
}

function covers(ranges: readonly Range[], last: bigint): boolean {
  let next = 0n;
  for (const [start, end] of [...ranges].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    if (start > next) return false;
    if (end + 1n > next) next = end + 1n;
    if (next > last) return true;
  }
  return next > last;
}

/** The families (`IPv4`, `IPv6`) whose whole public address space the ranges cover; empty when neither. Invalid entries count for nothing. */
export function internetFamilies(cidrs: readonly unknown[]): ("IPv4" | "IPv6")[] {
  const parsed = cidrs.flatMap((c) => (typeof c === "string" ? [range(c.trim())] : [])).filter((r) => r !== undefined);
  const family = (f: 4 | 6, reserved: readonly string[], bits: number) => covers([...parsed.filter((p) => p.family === f).map((p) => p.range), ...reserved.map((c) => range(c)!.range)], (1n << BigInt(bits)) - 1n);
  const open: ("IPv4" | "IPv6")[] = [];
  if (parsed.some((p) => p.family === 4) && family(4, reservedIpv4, 32)) open.push("IPv4");
  if (parsed.some((p) => p.family === 6) && family(6, reservedIpv6, 128)) open.push("IPv6");
  return open;
}

/** True when the ranges, together, admit the whole internet (see above). */
export function opensToInternet(cidrs: readonly unknown[]): boolean {
  return internetFamilies(cidrs).length > 0;
}

/**
 * Azure security rules name sources by prefix or service tag: `*`, `Any` and `Internet` mean every address, so
 * they count as both families' whole space; CIDRs and plain addresses pass through; other tags (`VirtualNetwork`,
 * `AzureLoadBalancer`) are not the internet.
 */
export function azureSourceRanges(prefixes: readonly unknown[]): string[] {
  return prefixes.flatMap((p) => {
    if (typeof p !== "string") return [];
    const value = p.trim();
    if (["*", "any", "internet"].includes(value.toLowerCase())) return ["0.0.0.0/0", "::/0"];
    if (value.includes("/")) return [value];
    return ipaddr.isValid(value) ? [`${value}/${ipaddr.parse(value).kind() === "ipv4" ? 32 : 128}`] : [];
  });
}
