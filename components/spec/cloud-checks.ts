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

/**
 * The smallest network (longest prefix) a cloud's network driver can carve, where it has one. GCP: private
 * services access reserves a quarter of the range and takes at least a /24 (components/clouds/gcp/subnet-ranges.ts).
 */
const smallestNetworkPrefix: Partial<Record<Cloud, { prefix: number; source: string }>> = {
  gcp: { prefix: 20, source: "private services access reserves a quarter of the range, at least a /24" },
};

/**
 * The form a team's `group` takes on a cloud, where its cluster driver relies on it. GCP: a Google group email,
 * all of one domain (Google Groups for RBAC reads them through that domain's gke-security-groups group).
 */
const teamGroupForm: Partial<Record<Cloud, { pattern: RegExp; expected: string; oneDomain: boolean }>> = {
  gcp: { pattern: /^[a-z0-9._%+-]+@[a-z0-9-]+(\.[a-z0-9-]+)+$/i, expected: "a Google group email such as platform-engineers@acme.example.com", oneDomain: true },
};

/** The parts of a spec these checks read, as far as they are well-formed: the checks also run on a spec the schema refused. */
type Checked = Partial<Pick<RawSpec, "cloud" | "region" | "allowedRegions" | "tags" | "infra" | "account" | "teams">>;

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
  const smallest = smallestNetworkPrefix[cloud];
  if (block && typeof block !== "string" && smallest && block.prefix > smallest.prefix) {
    problems.push({ path: ["infra", "network", "cidr"], message: `got "${cidr}", expected /${smallest.prefix} or larger on ${cloud} (${smallest.source})` });
  }
  problems.push(...teamGroupProblems(cloud, raw.teams));

  return problems;
}

function teamGroupProblems(cloud: Cloud, teams: unknown): SpecProblem[] {
  const form = teamGroupForm[cloud];
  if (!form || !Array.isArray(teams)) return [];
  const problems: SpecProblem[] = [];
  const domains = new Map<string, number>();
  teams.forEach((team: unknown, i) => {
    const group = typeof team === "object" && team !== null ? (team as { group?: unknown }).group : undefined;
    if (typeof group !== "string") return;
    if (!form.pattern.test(group)) problems.push({ path: ["teams", i, "group"], message: `got ${JSON.stringify(group)}, expected ${form.expected} on ${cloud}` });
    else if (!domains.has(group.split("@")[1]!.toLowerCase())) domains.set(group.split("@")[1]!.toLowerCase(), i);
  });
  if (form.oneDomain && domains.size > 1) {
    problems.push({ path: ["teams"], message: `the teams' groups are in ${[...domains.keys()].sort().join(", ")}, expected one domain on ${cloud} (GKE reads groups through one domain's gke-security-groups group)` });
  }
  return problems;
}
