import type { PlatformSpec } from "../components/spec/platform-spec.ts";
import type { Cloud } from "../components/spec/schema.ts";
import { severities, type Environment, type Severity } from "../components/spec/profiles.ts";
import { UserInputError } from "../lib/cli/errors.ts";
import { compareText } from "../lib/text/text-order.ts";
import { clusterWorkloads } from "../components/kubernetes/workload-specs.ts";
import { identifiedWorkloads } from "../components/wiring/identified-workloads.ts";
import { cloudRunnerFacts } from "./cloud-runners.ts";

/** A container image the workflows build: a service, a model or a pipeline with a source folder. */
export interface Workload {
  readonly name: string;
  /** The build context (holds the Dockerfile) and the path filter that decides when it is rebuilt. */
  readonly path: string;
  /** Named build contexts its Dockerfile copies from, name → folder (workflows/build-contexts.ts). */
  readonly contexts?: Readonly<Record<string, string>>;
  readonly kind: "service" | "model" | "pipeline";
  /** The strictest `scan.failOn` of the stacks that run it. */
  readonly failOn: Severity;
}

export interface StackTarget {
  readonly name: string;
  readonly cloud: Cloud;
  readonly environment: Environment;
  /** Names of the workloads this stack runs. */
  readonly workloads: readonly string[];
  /** Models served by the cloud's managed endpoint (SageMaker on AWS): a new image updates the endpoint. */
  readonly managedModels: readonly string[];
  /** Whether the stack serves the front end (its bucket and CDN). */
  readonly frontend: boolean;
  /**
   * Labels of the runner inside the network that cluster-facing jobs (deploy, preview, drift) run on, and the
   * publish job where the registry is private (Azure); empty when GitHub-hosted runners reach both.
   */
  readonly clusterRunnerLabels: readonly string[];
}

/** What the workflows are generated from: every stack's spec, merged. */
export interface WorkflowPlatform {
  /** `OWNER/REPO`, the same in every stack. */
  readonly repository: string;
  readonly stacks: readonly StackTarget[];
  readonly workloads: readonly Workload[];
  readonly frontend?: { readonly name: string; readonly path: string };
  /** Review environments run on this dev stack; absent when no stack is a dev stack. */
  readonly review?: ReviewBase;
}

/** The dev stack review environments run on, and what of its spec the review workflow needs. */
export interface ReviewBase {
  readonly baseStack: StackTarget;
  readonly ttlHours: number;
  readonly platformName: string;
  /** The workloads a review environment runs: the base spec's services and in-cluster models. */
  readonly workloads: readonly string[];
  /** Those of them with a cloud identity, which their review copies take on (the base stack's `workloadRoles`). */
  readonly identifiedWorkloads: readonly string[];
  /** `stratum:ci.clusterRunnerLabels` of the base stack; empty when none are named. */
  readonly clusterRunnerLabels: readonly string[];
}

/** Every workload's image is handed to its stacks as `stratum:images.<name>`: services, models and pipelines alike. */
export function configurableImage(_workload: Workload): boolean {
  return true;
}

/** The key a stack names its in-network runner under; refused when the cluster endpoint is private and it is empty. */
export const clusterRunnerKey = "stratum:ci.clusterRunnerLabels";

/** Merges the stacks' specs; a workload declared by several stacks must have the same source path in each. */
export function workflowPlatform(specs: readonly PlatformSpec[]): WorkflowPlatform {
  if (specs.length === 0) throw new UserInputError("no stacks: workflows are generated from stacks/Pulumi.<stack>.yaml, and none was found");
  const sorted = [...specs].sort((a, b) => compareText(a.stack, b.stack));
  const problems: string[] = [];
  const repositories = [...new Set(sorted.map((s) => s.github.repository))];
  if (repositories.length > 1) problems.push(`stratum:github.repository: stacks disagree (${repositories.join(", ")}); one repository holds the workflows`);

  const workloads = new Map<string, Workload>();
  const stacks: StackTarget[] = [];
  let frontend: WorkflowPlatform["frontend"];
  for (const spec of sorted) {
    const declared: Omit<Workload, "failOn">[] = [
      ...spec.web.services.map((s) => ({ name: s.name, path: s.path, kind: "service" as const })),
      ...spec.ml.models.flatMap((m) => (m.path ? [{ name: m.name, path: m.path, kind: "model" as const }] : [])),
      ...spec.data.pipelines.flatMap((p) => (p.path ? [{ name: p.name, path: p.path, kind: "pipeline" as const }] : [])),
    ];
    for (const w of declared) {
      const known = workloads.get(w.name);
      if (known && (known.path !== w.path || known.kind !== w.kind)) {
        problems.push(`stack "${spec.stack}": ${w.kind} "${w.name}" has path "${w.path}", but another stack declares it as ${known.kind} at "${known.path}"`);
        continue;
      }
      workloads.set(w.name, { ...w, failOn: stricter(known?.failOn, spec.scan.failOn) });
    }
    if (spec.web.frontend) {
      if (frontend && frontend.path !== spec.web.frontend.path) problems.push(`stack "${spec.stack}": frontend path "${spec.web.frontend.path}" differs from "${frontend.path}"`);
      frontend ??= { name: spec.web.frontend.name, path: spec.web.frontend.path };
    }
    const labels = spec.ci.clusterRunnerLabels;
    if (labels.length === 0 && spec.infra.cluster.publicAccessCidrs.length === 0) {
      problems.push(
        `stack "${spec.stack}": ${clusterRunnerKey}: none given, and the cluster endpoint is private (stratum:infra.cluster.publicAccessCidrs is empty); ` +
          "deploy, preview and drift jobs must run on a runner inside the network: name its labels (e.g. [self-hosted, linux, x64, <runner-set>])",
      );
    }
    if (labels.length === 0 && !cloudRunnerFacts[spec.cloud].registryReachableFromGithubHosted) {
      problems.push(
        `stack "${spec.stack}": ${clusterRunnerKey}: none given, and the stack's ${spec.cloud} registry is reachable only inside its network (public network access off); ` +
          "its publish job must run on a runner inside the network: name its labels (e.g. [self-hosted, linux, x64, <runner-set>])",
      );
    }
    stacks.push({
      name: spec.stack,
      cloud: spec.cloud,
      environment: spec.environment,
      workloads: declared.map((w) => w.name),
      managedModels: spec.ml.models.filter((m) => m.serving === "managed" && m.path).map((m) => m.name),
      frontend: spec.web.frontend !== undefined,
      clusterRunnerLabels: labels,
    });
  }
  if (frontend && workloads.has(frontend.name)) {
    problems.push(`stratum:web.frontend.name: "${frontend.name}" is also a workload's name; the workflows need distinct names for their jobs and path filters`);
  }
  if (problems.length > 0) throw new UserInputError(problems);

  const repository = repositories[0] ?? "";
  const reviewSpec = sorted.find((s) => s.environment === "dev");
  const reviewBase = stacks.find((s) => s.name === reviewSpec?.stack);
  return {
    repository,
    stacks,
    workloads: [...workloads.values()].sort((a, b) => compareText(a.name, b.name)),
    ...(frontend ? { frontend } : {}),
    ...(reviewSpec && reviewBase ? { review: reviewBaseOf(reviewSpec, reviewBase) } : {}),
  };
}

function reviewBaseOf(spec: PlatformSpec, baseStack: StackTarget): ReviewBase {
  const workloads = clusterWorkloads(spec);
  return {
    baseStack,
    ttlHours: spec.review.ttlHours,
    platformName: spec.name,
    workloads: workloads.map((w) => w.name),
    identifiedWorkloads: identifiedWorkloads(spec).filter((name) => workloads.some((w) => w.name === name)),
    clusterRunnerLabels: spec.ci.clusterRunnerLabels,
  };
}

/** `low` blocks more than `critical`: the stricter threshold is the lower severity. */
function stricter(a: Severity | undefined, b: Severity): Severity {
  if (a === undefined) return b;
  return severities.indexOf(a) > severities.indexOf(b) ? a : b;
}
