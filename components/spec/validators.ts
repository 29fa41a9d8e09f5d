import { z } from "zod";
import { coveredAddresses, parseIpv4Block, type Ipv4Block } from "./cidr.ts";
import { parseCron } from "./cron.ts";
import { smallestNetworkPrefix } from "../infra/network/subnet-cidrs.ts";

/**
 * Field validators the schema references for values a regular expression cannot judge: CIDR blocks (parsed with
 * ipaddr.js), cron schedules (parsed with croner) and length caps. Each reports one sentence that already says
 * what was given and what is allowed (`sentence: true`), which the loader prints as it stands.
 */

/** A refinement whose check returns a problem sentence or undefined. */
function checked<T extends z.ZodType>(schema: T, check: (value: z.output<T>) => string | undefined): T {
  return schema.superRefine((value, ctx) => {
    const problem = check(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem, params: { sentence: true } });
  }) as T;
}

/**
 * Caps for free text where no cloud sets a limit, so that no single value can blow up a plan report or an error
 * message: names and identifiers 256 characters, paths and command arguments 1024.
 */
export const textCaps = { identifier: 256, path: 1024, hostName: 253 } as const;
/**
 * Caps on list lengths: a spec with more than this is a mistake, not a platform. Services: platform teams with a
 * few hundred are common; 500 (about 7,000 resources: a 13 MB plan JSON, a 21 kB Markdown report, 13 s and 1.5 GB
 * to plan on a 2-core machine) still bounds the plan and its report. `workloads` caps the other lists of workloads
 * (models, pipelines, teams, lake zones) and the peers one service calls (`talksTo`).
 */
export const listCaps = { services: 500, workloads: 100, commandArguments: 64, cidrs: 40, regions: 50, rules: 200 } as const;

export const boundedText = (max: number) => z.string().max(max);

/** The platform's own network: a private (RFC 1918) IPv4 network large enough for the subnet tiers. */
export const networkCidr = checked(z.string().max(64), (text) => {
  if (text.length > 64) return undefined;
  const block = parseIpv4Block(text);
  if (typeof block === "string") return block;
  if (block.address.range() !== "private") return `got "${text}", expected a private network inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (RFC 1918)`;
  if (block.prefix > smallestNetworkPrefix) {
    return `got "${text}", expected a network of /${smallestNetworkPrefix} or larger: it is split into 16 blocks, one per subnet tier and zone, and a subnet cannot be smaller than /28`;
  }
  return undefined;
});

const publicCidr = checked(z.string().max(64), (text) => {
  if (text.length > 64) return undefined;
  const block = parseIpv4Block(text);
  if (typeof block === "string") return block;
  if (block.prefix === 0) return `got "${text}", expected a specific network, not the whole internet (/0)`;
  return undefined;
});

/**
 * Networks allowed to reach a public cluster endpoint. Blocks that together cover half the IPv4 internet or more
 * (two /1s are all of it) are the whole internet by another name, and are refused like `0.0.0.0/0`.
 */
export const publicAccessCidrList = checked(z.array(publicCidr).max(listCaps.cidrs), (list) => {
  // A /0 on its own is reported by the entry's own check.
  const blocks = list.map(parseIpv4Block).filter((b): b is Ipv4Block => typeof b !== "string" && b.prefix > 0);
  const covered = coveredAddresses(blocks);
  if (covered >= 2 ** 31) {
    return `got ${JSON.stringify(list)}, which together cover ${((covered / 2 ** 32) * 100).toFixed(0)}% of the IPv4 internet; expected specific networks (together less than half of it)`;
  }
  return undefined;
});

/** A five-field Unix cron schedule, parsed with croner: syntax and every field's range. */
export const cronSchedule = checked(z.string(), (text) => {
  const parsed = parseCron(text);
  return typeof parsed === "string" ? parsed : undefined;
});
