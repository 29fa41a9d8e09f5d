import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { Step, Workflow } from "../../workflows/model.ts";
import { partsFor } from "./plan-view.ts";

/**
 * What a generated workflow changes in the cloud, followed to the plan: every bucket a step writes (the AWS CLI's
 * `s3://…` destinations in its script, and the writes it declares for the permission check) is a bucket resource
 * of the plan and the stack's front-end bucket (the one its CDN serves); every CDN it invalidates is a planned
 * distribution serving that bucket; every cluster it reaches is the plan's cluster. A value reaches a script only
 * through `name=$(pulumi stack output OUTPUT …)`, so a script's target is named by the output it reads.
 */

/** `var=$(pulumi stack output NAME ...)` assignments in a script. */
function outputVariables(run: string): Map<string, string> {
  return new Map([...run.matchAll(/\b([a-z_][a-z0-9_]*)=\$\(pulumi stack output ([A-Za-z]+)\b/g)].map((m) => [m[1]!, m[2]!]));
}

type Target = { readonly output?: string; readonly literal?: string; readonly how: string };

/** The buckets a script writes and the CDNs it invalidates, by the output (or literal) each comes from. */
function scriptTargets(run: string): { buckets: Target[]; cdns: Target[] } {
  const vars = outputVariables(run);
  const resolve = (word: string, how: string): Target => {
    const v = /^\$\{?([a-z_][a-z0-9_]*)\}?/.exec(word);
    return v ? (vars.has(v[1]!) ? { output: vars.get(v[1]!)!, how } : { literal: word, how }) : { literal: word, how };
  };
  const buckets: Target[] = [];
  const cdns: Target[] = [];
  for (const line of run.split("\n")) {
    const write = /\baws s3 (cp|sync|mv|rm)\b/.exec(line);
    if (write) {
      const urls = [...line.matchAll(/"?s3:\/\/([^"\s/]+)/g)].map((m) => m[1]!);
      // cp, sync and mv write their last location; rm deletes in every one it names.
      const written = write[1] === "rm" ? urls : urls.slice(-1);
      buckets.push(...written.map((u) => resolve(u, `aws s3 ${write[1]} s3://${u}`)));
    }
    const invalidation = /\bcreate-invalidation\b.*--distribution-id "?([^"\s]+)"?/.exec(line);
    if (invalidation) cdns.push(resolve(invalidation[1]!, `create-invalidation --distribution-id ${invalidation[1]}`));
  }
  return { buckets, cdns };
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
  const servedBuckets = [...buckets.keys()].filter((b) => [...cdns.values()].some((c) => parts.cdnServesBucket(c, b)));
  const findings: string[] = [];
  const valueOf = (t: Target) => (t.output !== undefined ? plan.outputs[t.output] : t.literal);
  const named = (t: Target) => (t.output !== undefined ? `output ${t.output} = ${JSON.stringify(plan.outputs[t.output])}` : `literal "${t.literal}"`);
  const outputOf = (resource: unknown) => (typeof resource === "object" && resource !== null && "output" in resource && !("key" in resource) ? String(resource.output) : undefined);

  for (const { where, step } of stackJobs(workflows, plan.stack)) {
    const script = scriptTargets(step.run ?? "");
    const declared = (actions: readonly string[]) => (step.cloudAccess ?? []).filter((a) => actions.includes(a.action) && typeof a.resource === "object").map((a) => ({ output: outputOf(a.resource), how: a.action }));
    const writes = [...script.buckets, ...declared(parts.bucketWrites).map((d) => ({ ...d, output: d.output ?? "?" }))];
    for (const t of writes) {
      const value = valueOf(t);
      if (typeof value !== "string" || !buckets.has(value)) findings.push(`${plan.stack} ${where}: ${t.how} writes to ${named(t)}, which is no bucket resource in the plan`);
      else if (!servedBuckets.includes(value)) findings.push(`${plan.stack} ${where}: ${t.how} writes to ${named(t)}, which is not the stack's front-end bucket (the one its CDN serves: ${servedBuckets.join(", ") || "none"})`);
    }
    for (const t of [...script.cdns, ...declared(parts.cdnInvalidations).map((d) => ({ ...d, output: d.output ?? "?" }))]) {
      const value = valueOf(t);
      const cdn = typeof value === "string" ? cdns.get(value) : undefined;
      if (!cdn) findings.push(`${plan.stack} ${where}: ${t.how} invalidates ${named(t)}, which is no CDN in the plan`);
      else if (!servedBuckets.some((b) => parts.cdnServesBucket(cdn, b))) findings.push(`${plan.stack} ${where}: ${t.how} invalidates ${named(t)}, which serves no front-end bucket`);
    }
    for (const t of declared(parts.clusterAccess)) {
      const value = t.output !== undefined ? plan.outputs[t.output] : undefined;
      if (typeof value !== "string" || !clusters.has(value)) findings.push(`${plan.stack} ${where}: ${t.how} reaches output ${t.output} = ${JSON.stringify(value)}, which is not the plan's cluster (${[...clusters.keys()].join(", ") || "none"})`);
    }
    // What the script does must be what the step declares, or the permission check evaluates something else.
    for (const t of script.buckets) {
      if (t.output !== undefined && !declared(["s3:PutObject"]).some((d) => d.output === t.output)) findings.push(`${plan.stack} ${where}: ${t.how} writes to output ${t.output}, but the step declares no s3:PutObject on it`);
    }
  }
  return findings;
}
