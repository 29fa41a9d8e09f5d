import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { Step, Workflow } from "../../workflows/model.ts";
import { partsFor, type CloudParts, type ScriptTarget } from "./plan-view.ts";

/**
 * What a generated workflow changes in the cloud, followed to the plan: every bucket a step writes (the cloud CLI's
 * destinations in its script, read by the cloud's CloudParts, and the writes it declares for the permission check) is a bucket resource
 * of the plan and the stack's front-end bucket (the one its CDN serves); every CDN it invalidates is a planned
 * distribution serving that bucket; every cluster it reaches is the plan's cluster. A value reaches a script only
 * through `name=$(pulumi stack output OUTPUT …)`, so a script's target is named by the output it reads.
 */

/** `var=$(pulumi stack output NAME ...)` assignments in a script. */
function outputVariables(run: string): Map<string, string> {
  return new Map([...run.matchAll(/\b([a-z_][a-z0-9_]*)=\$\(pulumi stack output ([A-Za-z]+)\b/g)].map((m) => [m[1]!, m[2]!]));
}

type Target = { readonly output?: string; readonly literal?: string; readonly how: string; readonly container?: string; readonly suffix?: string };

/** The buckets a script writes and the CDNs it invalidates (read with the cloud's CLI), by the output (or literal) each comes from. */
function scriptTargets(run: string, parts: CloudParts): { buckets: Target[]; cdns: Target[] } {
  const vars = outputVariables(run);
  const resolve = ({ word, how, container }: ScriptTarget): Target => {
    const v = /^\$\{?([a-z_][a-z0-9_]*)/.exec(word);
    return { ...(v && vars.has(v[1]!) ? { output: vars.get(v[1]!)! } : { literal: word }), how, ...(container !== undefined ? { container } : {}) };
  };
  const lines = run.split("\n");
  return { buckets: lines.flatMap((l) => parts.scriptWrites(l).map(resolve)), cdns: lines.flatMap((l) => parts.scriptInvalidations(l).map(resolve)) };
}

/** The jobs of one stack (`<job>-<stack>`), review.yml apart: review environments have their own owner and checks. */
export function stackJobs(workflows: readonly Workflow[], stack: string): { where: string; step: Step }[] {
  return workflows
    .filter((w) => w.fileName !== "review.yml")
    .flatMap((w) => Object.entries(w.jobs).filter(([id]) => id.endsWith(`-${stack}`)).flatMap(([id, job]) => job.steps.map((step) => ({ where: `${w.fileName}#${id}/${step.name}`, step }))));
}

export function workflowTargetFindings(plan: PlannedStack, workflows: readonly Workflow[]): string[] {
  const parts = partsFor(plan);
  const buckets = parts.buckets(plan);
  const cdns = parts.cdns(plan);
  const clusters = parts.clusters(plan);
  const servedBuckets = [...buckets.keys()].filter((b) => [...cdns.values()].some((c) => parts.cdnServesBucket(c, b, plan)));
  const findings: string[] = [];
  const valueOf = (t: Target) => (t.output !== undefined ? plan.outputs[t.output] : t.literal);
  const named = (t: Target) => (t.output !== undefined ? `output ${t.output} = ${JSON.stringify(plan.outputs[t.output])}` : `literal "${t.literal}"`);
  const suffixOf = (resource: unknown) => (typeof resource === "object" && resource !== null && "suffix" in resource ? String(resource.suffix) : undefined);
  const outputOf = (resource: unknown) => (typeof resource === "object" && resource !== null && "output" in resource && !("key" in resource) ? String(resource.output) : undefined);

  for (const { where, step } of stackJobs(workflows, plan.stack)) {
    const script = scriptTargets(step.run ?? "", parts);
    const declared = (actions: readonly string[]) =>
      (step.cloudAccess ?? []).filter((a) => actions.includes(a.action) && typeof a.resource === "object").map((a) => ({ output: outputOf(a.resource), how: a.action, ...(suffixOf(a.resource) !== undefined ? { suffix: suffixOf(a.resource)! } : {}) }));
    const writes: Target[] = [...script.buckets, ...declared(parts.bucketWrites).map((d) => ({ ...d, output: d.output ?? "?" }))];
    for (const t of writes) {
      const value = valueOf(t);
      if (typeof value !== "string" || !buckets.has(value)) findings.push(`${plan.stack} ${where}: ${t.how} writes to ${named(t)}, which is no bucket resource in the plan`);
      else if (!servedBuckets.includes(value)) findings.push(`${plan.stack} ${where}: ${t.how} writes to ${named(t)}, which is not the stack's front-end bucket (the one its CDN serves: ${servedBuckets.join(", ") || "none"})`);
      // Where a bucket is an account of containers, the write must land in the one the site is served from.
      const inside = t.suffix ?? (t.container !== undefined ? `/blobServices/default/containers/${t.container}` : undefined);
      if (parts.bucketSuffix !== undefined && inside !== parts.bucketSuffix) findings.push(`${plan.stack} ${where}: ${t.how} writes to ${inside ?? "no container"} of ${named(t)}, the site is served from ${parts.bucketSuffix ?? "the bucket itself"}`);
    }
    for (const t of [...script.cdns, ...declared(parts.cdnInvalidations).map((d) => ({ ...d, output: d.output ?? "?" }))]) {
      const value = valueOf(t);
      const cdn = typeof value === "string" ? cdns.get(value) : undefined;
      if (!cdn) findings.push(`${plan.stack} ${where}: ${t.how} invalidates ${named(t)}, which is no CDN in the plan`);
      else if (!servedBuckets.some((b) => parts.cdnServesBucket(cdn, b, plan))) findings.push(`${plan.stack} ${where}: ${t.how} invalidates ${named(t)}, which serves no front-end bucket`);
    }
    for (const t of declared(parts.clusterAccess)) {
      const value = t.output !== undefined ? plan.outputs[t.output] : undefined;
      if (typeof value !== "string" || !clusters.has(value)) findings.push(`${plan.stack} ${where}: ${t.how} reaches output ${t.output} = ${JSON.stringify(value)}, which is not the plan's cluster (${[...clusters.keys()].join(", ") || "none"})`);
    }
    // What the script does must be what the step declares, or the permission check evaluates something else.
    for (const t of script.buckets) {
      const put = parts.bucketWrites[0]!;
      if (t.output !== undefined && !declared([put]).some((d) => d.output === t.output)) findings.push(`${plan.stack} ${where}: ${t.how} writes to output ${t.output}, but the step declares no ${put} on it`);
    }
  }
  return findings;
}
