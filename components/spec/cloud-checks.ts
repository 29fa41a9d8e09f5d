import { clouds, type Cloud, type RawSpec } from "./schema.ts";
import type { SpecProblem } from "./resolve.ts";
import { regionProblem } from "./regions.ts";
import { tagProblems } from "./tag-limits.ts";
import { parseIpv4Block } from "./cidr.ts";
import { accountProblems } from "./account.ts";

/**
 * Checks that depend on the spec's cloud: its account section, its regions, its tag limits and the largest network
 * it accepts. Each cloud's limits live in one table; this applies the spec's cloud's. (Schedules need none:
 * pipelines run as Kubernetes CronJobs on every cloud, which take the Unix cron the schema already checked.)
 */

/** The largest network (shortest prefix) each cloud accepts for the platform's network. */
const largestNetworkPrefix: Record<Cloud, { prefix: number; source: string }> = {
  aws: { prefix: 16, source: "a VPC's primary CIDR is /16 to /28" },
  gcp: { prefix: 8, source: "any RFC 1918 range" },
  azure: { prefix: 8, source: "any RFC 1918 range" },
};

/** The parts of a spec these checks read, as far as they are well-formed: the checks also run on a spec the schema refused. */
type Checked = Partial<Pick<RawSpec, "cloud" | "region" | "allowedRegions" | "tags" | "infra" | "account">>;

/**
 * Every cloud-dependent problem. Runs on whatever the schema let through, even when it refused other parts, so
 * that one run names every problem; values of the wrong type are left to the schema's own messages.
 */
export function cloudProblems(spec: unknown): SpecProblem[] {
  const raw = (typeof spec === "object" && spec !== null ? spec : {}) as Checked;
  if (!clouds.includes(raw.cloud as Cloud)) return [];
  const cloud = raw.cloud as Cloud;
  const problems: SpecProblem[] = [...accountProblems(cloud, raw.account)];
  const region = typeof raw.region === "string" ? regionProblem(cloud, raw.region) : undefined;
  if (region) problems.push({ path: ["region"], message: region });
  (Array.isArray(raw.allowedRegions) ? raw.allowedRegions : []).forEach((r, i) => {
    const problem = typeof r === "string" ? regionProblem(cloud, r) : undefined;
    if (problem) problems.push({ path: ["allowedRegions", i], message: problem });
  });
  if (typeof raw.tags === "object" && raw.tags !== null && !Array.isArray(raw.tags)) {
    problems.push(...tagProblems(cloud, Object.fromEntries(Object.entries(raw.tags).filter((e): e is [string, string] => typeof e[1] === "string"))));
  }

  const cidr = raw.infra?.network?.cidr;
  const block = typeof cidr === "string" ? parseIpv4Block(cidr) : undefined;
  const largest = largestNetworkPrefix[cloud];
  if (block && typeof block !== "string" && block.prefix < largest.prefix) {
    problems.push({ path: ["infra", "network", "cidr"], message: `got "${cidr}", expected /${largest.prefix} or smaller on ${cloud} (${largest.source})` });
  }

  return problems;
}
