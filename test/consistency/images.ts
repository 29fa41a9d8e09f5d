import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { Workflow } from "../../workflows/model.ts";
import { registryUrlsVariable } from "../../workflows/variables.ts";
import { partsFor, runUnits } from "./plan-view.ts";

/**
 * Images, followed from the manifests to the registry to the workflow: every image a pod or managed endpoint runs
 * is `<a repository of this stack's registry>@sha256:<64 hex>`, that repository is a registry resource in the plan
 * (not only a string in the outputs), and the deploy workflow's publish job for the stack copies into exactly the
 * repositories of the workloads the stack runs (each one it runs, none outside the stack's registry), reading them
 * from this stack's variable; the deploy verifies the signature of each.
 */
export function imageFindings(plan: PlannedStack, workflows: readonly Workflow[]): string[] {
  const findings: string[] = [];
  const { spec } = plan;
  const managed = spec.ml.models.filter((m) => m.serving === "managed").map((m) => m.name);
  const workloads = [...spec.web.services.map((s) => s.name), ...spec.ml.models.map((m) => m.name), ...spec.data.pipelines.map((p) => p.name)];
  const repositories = partsFor(plan).registryRepositories(plan, workloads);
  const urls = (plan.outputs["registryUrls"] ?? {}) as Record<string, string>;
  const workloadOf = new Map(Object.entries(urls).map(([w, url]) => [url, w]));
  const running = new Set<string>();
  const units = runUnits(plan);
  // A managed model must run somewhere the plan says: a planned resource carrying its container.
  for (const m of managed) if (!units.some((u) => u.kind === "managed" && u.workload === m)) findings.push(`${plan.stack} model ${m}: serving is managed, and no planned resource runs its image (nothing in the plan says what the endpoint serves)`);
  for (const unit of units) {
    const at = unit.image.lastIndexOf("@");
    // A tag (`repo:latest`, no digest) is reported as unpinned, and its repository checked as any other.
    const [repository, digest] = at < 0 ? [unit.image.replace(/:[^/:]*$/, ""), ""] : [unit.image.slice(0, at), unit.image.slice(at + 1)];
    const where = `${plan.stack} ${unit.where} (${unit.workload}): ${unit.imageField}`;
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) findings.push(`${where}: "${unit.image}" is not pinned by digest (expected <repository>@sha256:<64 hex>)`);
    if (!repositories.has(repository)) findings.push(`${where}: "${repository}" is not a registry repository in the plan (planned: ${[...repositories.keys()].join(", ")})`);
    const owner = workloadOf.get(repository);
    if (owner === undefined) findings.push(`${where}: "${repository}" is not in the stack's registryUrls output`);
    else running.add(owner);
  }
  for (const [w, url] of Object.entries(urls)) if (!repositories.has(url)) findings.push(`${plan.stack} output registryUrls.${w}: "${url}" is not a registry repository in the plan`);

  const deploy = workflows.find((w) => w.fileName === "deploy.yml");
  const publish = deploy?.jobs[`publish-${plan.stack}`];
  if (!publish) return [...findings, `${plan.stack}: deploy.yml has no publish-${plan.stack} job, so nothing copies its images into its registry`];
  const variable = `\${{ vars.${registryUrlsVariable(plan.stack)} }}`;
  if (publish.env?.["REGISTRY_URLS"] !== variable) findings.push(`${plan.stack} deploy.yml#publish-${plan.stack}: env.REGISTRY_URLS is "${publish.env?.["REGISTRY_URLS"]}", expected ${variable} (this stack's repositories)`);
  const copied = new Set<string>();
  for (const step of publish.steps.filter((s) => s.run?.includes("skopeo copy") && s.env?.["WORKLOAD"] !== undefined)) {
    const w = step.env!["WORKLOAD"]!;
    copied.add(w);
    const where = `${plan.stack} deploy.yml#publish-${plan.stack}/${step.name}: env.WORKLOAD`;
    if (urls[w] === undefined) findings.push(`${where}: "${w}" has no repository in the stack's registryUrls output`);
    else if (!repositories.has(urls[w]!)) findings.push(`${where}: "${w}" copies to "${urls[w]}", which is not a registry repository in the plan`);
  }
  for (const w of running) if (!copied.has(w)) findings.push(`${plan.stack} deploy.yml#publish-${plan.stack}: no copy step for "${w}", which the stack runs (${urls[w]})`);

  const verify = deploy!.jobs[`deploy-${plan.stack}`]?.steps.find((s) => s.run?.includes("cosign verify"));
  const verified = new Set(JSON.parse(verify?.env?.["WORKLOADS"] ?? "[]") as string[]);
  for (const w of running) if (!verified.has(w)) findings.push(`${plan.stack} deploy.yml#deploy-${plan.stack}: the signature of "${w}" is not verified before pulumi up (env.WORKLOADS of the cosign verify step)`);
  return findings;
}
