import { clouds, type Cloud, type RawSpec } from "./schema.ts";
import type { SpecProblem } from "./resolve.ts";
import { regionProblem } from "./regions.ts";
import { tagProblems } from "./tag-limits.ts";
import { parseCron, type ParsedCron } from "./cron.ts";
import { parseIpv4Block } from "./cidr.ts";
import { awsScheduleProblem } from "../clouds/aws/cron.ts";

/**
 * Checks that depend on the spec's cloud: its regions, its tag limits, the largest network it accepts and what
 * its scheduler can express. Each cloud's limits live in one table; this applies the spec's cloud's.
 */

/** The largest network (shortest prefix) each cloud accepts for the platform's network. */
const largestNetworkPrefix: Record<Cloud, { prefix: number; source: string }> = {
  aws: { prefix: 16, source: "a VPC's primary CIDR is /16 to /28" },
  gcp: { prefix: 8, source: "any RFC 1918 range" },
  azure: { prefix: 8, source: "any RFC 1918 range" },
};

/**
 * What the cloud's own scheduler cannot express, for clouds whose pipelines run on it (AWS: Glue triggers take
 * `cron(...)`). Clouds without an entry schedule with Unix cron as written; remove an entry when nothing on that
 * cloud converts schedules any more.
 */
const scheduleLimits: Partial<Record<Cloud, { readonly scheduler: string; readonly problem: (cron: ParsedCron) => string | undefined }>> = {
  aws: { scheduler: "AWS Glue schedules", problem: awsScheduleProblem },
};

/** The parts of a spec these checks read, as far as they are well-formed: the checks also run on a spec the schema refused. */
type Checked = Partial<Pick<RawSpec, "cloud" | "region" | "allowedRegions" | "tags" | "infra" | "data">>;

/**
 * Every cloud-dependent problem. Runs on whatever the schema let through, even when it refused other parts, so
 * that one run names every problem; values of the wrong type are left to the schema's own messages.
 */
export function cloudProblems(spec: unknown): SpecProblem[] {
  const raw = (typeof spec === "object" && spec !== null ? spec : {}) as Checked;
  if (!clouds.includes(raw.cloud as Cloud)) return [];
  const cloud = raw.cloud as Cloud;
  const problems: SpecProblem[] = [];
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

  const limits = scheduleLimits[cloud];
  const pipelines = raw.data?.pipelines;
  (Array.isArray(pipelines) ? pipelines : []).forEach((pipeline, i) => {
    if (typeof pipeline?.schedule !== "string") return;
    const parsed = parseCron(pipeline.schedule);
    const problem = limits && typeof parsed !== "string" ? limits.problem(parsed) : undefined;
    if (problem) problems.push({ path: ["data", "pipelines", i, "schedule"], message: `got "${pipeline.schedule}", which ${limits!.scheduler} cannot express: ${problem}` });
  });
  return problems;
}
