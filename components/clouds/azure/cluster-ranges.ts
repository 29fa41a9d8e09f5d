import { parseIpv4Block } from "../../spec/cidr.ts";

/** True when `cidr` shares any address with one of `others`. */
export function overlapsAny(cidr: string, others: readonly string[]): boolean {
  const range = (text: string) => {
    const block = parseIpv4Block(text);
    if (typeof block === "string") throw new Error(`${text}: ${block}`);
    return [block.first, block.first + 2 ** (32 - block.prefix) - 1] as const;
  };
  const [first, last] = range(cidr);
  return others.some((other) => {
    const [a, b] = range(other);
    return a <= last && first <= b;
  });
}
