import path from "node:path";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import type { PlatformSpec } from "../../components/spec/index.ts";
import { containerArgv, readDockerfile, type ImageConfig } from "./dockerfile.ts";

/**
 * Every workload a planned stack runs, read from the plan JSON as a cluster (or SageMaker) would read it: the
 * container's command or the image's own, its environment, its ports and probes. The example it runs is found
 * through its image: the image's repository is the stack's repository of one workload (`registryUrls`), and that
 * workload's `path` in the spec is the image's build context.
 */
export type WorkloadKind = "Deployment" | "Job" | "CronJob" | "SageMaker model";

export interface Probe {
  /** `readinessProbe`, `livenessProbe` or `startupProbe`. */
  readonly field: string;
  readonly path: string;
  /** The port number, the probe's named port resolved against the container's ports. */
  readonly port: number;
  /** As written in the manifest: a name (`http`) or a number. */
  readonly portAsWritten: string | number;
}

export interface PlannedWorkload {
  readonly kind: WorkloadKind;
  /** The manifest's name: `orders`, `orders-migrate-<hash>`, `etl`, `acme-prod-recommender`. */
  readonly name: string;
  /** The workload whose image it runs (a key of `registryUrls`). */
  readonly workload: string;
  /** The example folder: the image's build context, and the folder its WORKDIR maps to. */
  readonly dir: string;
  readonly image: ImageConfig;
  /** What the container runs: the manifest's command/args, else the image's ENTRYPOINT/CMD. */
  readonly argv: readonly string[];
  /** Exactly the container's env from the plan. */
  readonly env: Readonly<Record<string, string>>;
  readonly containerPorts: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly probes: readonly Probe[];
  /** The pod's labels, which Services select. */
  readonly labels: Readonly<Record<string, string>>;
  /** The pod's namespace and ServiceAccount (its workload identity); absent for a managed endpoint. */
  readonly serviceAccount?: { readonly namespace: string; readonly name: string };
}

type Inputs = Record<string, any>;
interface Container {
  name: string;
  image: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string; valueFrom?: unknown }[];
  ports?: { name?: string; containerPort: number }[];
  [probe: string]: unknown;
}

const kinds: Record<string, WorkloadKind> = {
  "kubernetes:apps/v1:Deployment": "Deployment",
  "kubernetes:batch/v1:Job": "Job",
  "kubernetes:batch/v1:CronJob": "CronJob",
  "aws:sagemaker/model:Model": "SageMaker model",
};

function podTemplate(r: PlanResource): Inputs {
  const spec = (r.inputs as Inputs)["spec"];
  return r.type.endsWith(":CronJob") ? spec.jobTemplate.spec.template : spec.template;
}

/** The spec's build context of each workload: services, pipelines and models by name. */
function examplePaths(spec: PlatformSpec): Map<string, string | undefined> {
  return new Map<string, string | undefined>([
    ...spec.web.services.map((s) => [s.name, s.path] as const),
    ...spec.data.pipelines.map((p) => [p.name, p.path] as const),
    ...spec.ml.models.map((m) => [m.name, m.path] as const),
  ]);
}

export function plannedWorkloads(plan: PlanReport, spec: PlatformSpec, repoRoot: string): PlannedWorkload[] {
  const registry = (plan.outputs as Inputs)["registryUrls"] as Record<string, string>;
  const paths = examplePaths(spec);
  const ofImage = (owner: string, image: string): { workload: string; dir: string; image: ImageConfig } => {
    const repository = image.split("@")[0];
    const workload = Object.entries(registry).find(([, url]) => url === repository)?.[0];
    if (!workload) throw new Error(`${owner}: image ${image} is not in any of the stack's repositories (registryUrls: ${Object.values(registry).join(", ")})`);
    const context = paths.get(workload);
    if (!context) throw new Error(`${owner}: the spec gives workload ${workload} no path, so there is no Dockerfile to read what its image runs`);
    const dir = path.join(repoRoot, context);
    return { workload, dir, image: readDockerfile(path.join(dir, "Dockerfile")) };
  };

  const workloads: PlannedWorkload[] = [];
  for (const r of plan.resources) {
    const kind = kinds[r.type];
    if (!kind) continue;
    if (kind === "SageMaker model") {
      const container = (r.inputs as Inputs)["primaryContainer"] as { image: string; environment?: Record<string, string> };
      const owner = `${r.name} (${kind})`;
      const found = ofImage(owner, container.image);
      workloads.push({
        kind,
        name: r.name,
        ...found,
        // SageMaker starts the container as `docker run <image> serve`: the argument replaces the image's CMD.
        argv: [...found.image.entrypoint, "serve"],
        env: { ...(container.environment ?? {}) },
        // SageMaker's serving contract: the container answers on 8080.
        containerPorts: [{ containerPort: 8080 }],
        probes: [{ field: "SageMaker health check", path: "/ping", port: 8080, portAsWritten: 8080 }],
        labels: {},
      });
      continue;
    }
    const template = podTemplate(r);
    const containers = template.spec.containers as Container[];
    if (containers.length !== 1) throw new Error(`${kind} ${r.name}: ${containers.length} containers; the test runs pods of one container`);
    const container = containers[0]!;
    const owner = `${kind} ${r.name}`;
    const env: Record<string, string> = {};
    for (const e of container.env ?? []) {
      if (e.value === undefined) throw new Error(`${owner}: env ${e.name} has no plain value (valueFrom ${JSON.stringify(e.valueFrom)}); the platform sets plain values only`);
      env[e.name] = e.value;
    }
    const ports = container.ports ?? [];
    const probes: Probe[] = [];
    for (const field of ["readinessProbe", "livenessProbe", "startupProbe"]) {
      const probe = container[field] as { httpGet?: { path?: string; port: string | number } } | undefined;
      if (!probe) continue;
      if (!probe.httpGet) throw new Error(`${owner}: ${field} is not an httpGet probe; the test checks HTTP probes`);
      const written = probe.httpGet.port;
      const port = typeof written === "number" ? written : ports.find((p) => p.name === written)?.containerPort;
      if (port === undefined) throw new Error(`${owner}: ${field}.httpGet.port ${JSON.stringify(written)} names no port of the container (ports: ${JSON.stringify(ports)})`);
      probes.push({ field, path: probe.httpGet.path ?? "/", port, portAsWritten: written });
    }
    const found = ofImage(owner, container.image);
    workloads.push({
      kind,
      name: r.name,
      ...found,
      argv: containerArgv(found.image, container),
      env,
      containerPorts: ports,
      probes,
      labels: template.metadata?.labels ?? {},
      serviceAccount: { namespace: String((r.inputs as Inputs)["metadata"]?.namespace ?? "default"), name: String(template.spec.serviceAccountName ?? "default") },
    });
  }
  return workloads;
}

/** The cluster's Services: `<name>.<namespace>.svc.cluster.local` and the pods they select, port by port. */
export interface PlannedService {
  readonly host: string;
  readonly selector: Readonly<Record<string, string>>;
  readonly ports: readonly { readonly port: number; readonly targetPort: string | number }[];
}

/** The ServiceAccount `namespace/name`'s annotations in the plan (empty when the plan has no such ServiceAccount). */
export function serviceAccountAnnotations(plan: PlanReport, account: { namespace: string; name: string }): Record<string, string> {
  const found = plan.resources.find((r) => {
    if (r.type !== "kubernetes:core/v1:ServiceAccount") return false;
    const metadata = (r.inputs as Inputs)["metadata"] ?? {};
    return metadata.name === account.name && (metadata.namespace ?? "default") === account.namespace;
  });
  return { ...((found?.inputs as Inputs | undefined)?.["metadata"]?.annotations ?? {}) };
}

export function plannedServices(plan: PlanReport): PlannedService[] {
  return plan.resources
    .filter((r) => r.type === "kubernetes:core/v1:Service")
    .map((r) => {
      const inputs = r.inputs as Inputs;
      return {
        host: `${inputs["metadata"].name}.${inputs["metadata"].namespace}.svc.cluster.local`,
        selector: inputs["spec"].selector ?? {},
        ports: (inputs["spec"].ports as { port: number; targetPort?: string | number }[]).map((p) => ({ port: p.port, targetPort: p.targetPort ?? p.port })),
      };
    });
}
