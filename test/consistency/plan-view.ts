import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { azure } from "./parts-azure.ts";
import { gcp } from "./parts-gcp.ts";
import { byKey, modelOf, ofType, type Inputs } from "./plan-resources.ts";

/**
 * The parts of a planned stack the consistency checks follow values through, read from the plan JSON only (what
 * `stratum plan --format json` prints), so a check fails on what `pulumi up` would create, not on what a module
 * meant to create. Each workload's runnable units (Deployment, migration Job, CronJob, managed endpoint) come out in
 * one shape; the cloud-specific resource types sit in `cloudParts`, one entry per cloud.
 */


export interface Probe {
  /** e.g. `containers[0].readinessProbe.httpGet.path` */
  readonly field: string;
  readonly path: string;
}

/** One thing that runs an image: a pod template's first container, or a managed endpoint's container. */
export interface RunUnit {
  /** `Deployment api`, `Job orders-migrate-…`, `CronJob etl`, `managed model acme-prod-recommender` */
  readonly where: string;
  readonly kind: "Deployment" | "Job" | "CronJob" | "managed";
  /** The spec's workload (service, model or pipeline) it belongs to. */
  readonly workload: string;
  /** The field the image is in, for findings. */
  readonly imageField: string;
  readonly image: string;
  readonly envField: string;
  readonly env: Readonly<Record<string, string>>;
  readonly command?: readonly string[];
  readonly commandField: string;
  /** A managed endpoint's arguments to the image, which replace its CMD (SageMaker's `serve`); absent: the image's CMD. */
  readonly managedArgs?: readonly string[];
  /** containerPort of each declared port, with its name. */
  readonly ports: readonly { readonly name?: string; readonly containerPort: number }[];
  readonly portsField: string;
  readonly probes: readonly Probe[];
  /** The pod's labels (what NetworkPolicies select); empty for a managed endpoint. */
  readonly podLabels: Readonly<Record<string, string>>;
  readonly namespace?: string;
}

const podKinds = /^kubernetes:(apps\/v1:Deployment|batch\/v1:Job|batch\/v1:CronJob)$/;

/** The pod template of a Deployment, Job or CronJob, and the path to it. */
export function podTemplate(r: PlanResource): { template: Inputs; path: string } {
  const spec = (r.inputs as Inputs)["spec"];
  return r.type.endsWith(":CronJob") ? { template: spec.jobTemplate.spec.template, path: "spec.jobTemplate.spec.template" } : { template: spec.template, path: "spec.template" };
}

/** A write or an invalidation a script line makes: the word naming its target (`$bucket`, a literal), and how. */
export interface ScriptTarget {
  readonly word: string;
  readonly how: string;
  /** The container within the storage account it writes, where the cloud has them (Azure's `$web`). */
  readonly container?: string;
}

/** The cloud's resource types, as far as the checks need them. A stack on a cloud without an entry fails loudly. */
export interface CloudParts {
  /** Repository URL → the registry resource it is (an ECR repository on AWS), for the spec's workloads. */
  registryRepositories(plan: PlanReport, workloads: readonly string[]): Map<string, PlanResource>;
  /** Bucket (the value frontendBucket carries) → bucket resource. */
  buckets(plan: PlanReport): Map<string, PlanResource>;
  /** What a declared write's `suffix` must be, where the bucket is an account holding containers (Azure's `$web`). */
  readonly bucketSuffix?: string;
  /** CDN id (the value frontendCdnId carries) → distribution. */
  cdns(plan: PlanReport): Map<string, PlanResource>;
  /** Cluster name → cluster. */
  clusters(plan: PlanReport): Map<string, PlanResource>;
  /** Whether the CDN serves the bucket (the bucket is its origin). */
  cdnServesBucket(cdn: PlanResource, bucket: string, plan: PlanReport): boolean;
  /** The objects the CDN answers `/` with, and the field each is set in. */
  rootObjects(cdn: PlanResource, plan: PlanReport): { readonly field: string; readonly object: string }[];
  /** Managed model endpoints' containers. */
  managedModels(plan: PlanReport, models: readonly string[]): RunUnit[];
  /** The buckets a script line writes with the cloud's CLI, and the CDNs it invalidates. */
  scriptWrites(line: string): ScriptTarget[];
  scriptInvalidations(line: string): ScriptTarget[];
  /** Cloud actions a workflow step declares that write objects to a bucket (the first: the object write itself). */
  readonly bucketWrites: readonly string[];
  readonly cdnInvalidations: readonly string[];
  readonly clusterAccess: readonly string[];
}

const aws: CloudParts = {
  registryRepositories: (plan) => byKey(ofType(plan, "aws:ecr/repository:Repository"), (r) => `${String(plan.outputs["registryHost"])}/${String(r.inputs["name"])}`),
  buckets: (plan) => byKey(ofType(plan, "aws:s3/bucket:Bucket"), (r) => r.inputs["bucket"] ?? r.name),
  cdns: (plan) => byKey(ofType(plan, "aws:cloudfront/distribution:Distribution"), (r) => r.name),
  clusters: (plan) => byKey(ofType(plan, "aws:eks/cluster:Cluster"), (r) => r.inputs["name"] ?? r.name),
  cdnServesBucket: (cdn, bucket) => ((cdn.inputs["origins"] ?? []) as { domainName?: string }[]).some((o) => String(o.domainName).startsWith(`${bucket}.s3.`)),
  rootObjects: (cdn) => (typeof cdn.inputs["defaultRootObject"] === "string" ? [{ field: "defaultRootObject", object: cdn.inputs["defaultRootObject"] }] : []),
  managedModels: (plan, models) =>
    ofType(plan, "aws:sagemaker/model:Model").map((r): RunUnit => {
      const name = String(r.inputs["name"] ?? r.name);
      const container = (r.inputs as Inputs)["primaryContainer"] ?? {};
      return {
        where: `managed model ${name}`,
        kind: "managed",
        workload: modelOf(name, models),
        imageField: "primaryContainer.image",
        image: String(container.image),
        envField: "primaryContainer.environment",
        commandField: "SageMaker's `docker run <image> serve`",
        managedArgs: ["serve"],
        portsField: "SageMaker's serving contract",
        env: { ...(container.environment ?? {}) },
        // SageMaker's serving contract: the container listens on 8080 and answers GET /ping.
        ports: [{ containerPort: 8080 }],
        probes: [{ field: "SageMaker health check", path: "/ping" }],
        podLabels: {},
      };
    }),
  scriptWrites: (line) => {
    const write = /\baws s3 (cp|sync|mv|rm)\b/.exec(line);
    if (!write) return [];
    const urls = [...line.matchAll(/"?s3:\/\/([^"\s/]+)/g)].map((m) => m[1]!);
    // cp, sync and mv write their last location; rm deletes in every one it names.
    return (write[1] === "rm" ? urls : urls.slice(-1)).map((u) => ({ word: u, how: `aws s3 ${write[1]} s3://${u}` }));
  },
  scriptInvalidations: (line) => {
    const m = /\bcreate-invalidation\b.*--distribution-id "?([^"\s]+)"?/.exec(line);
    return m ? [{ word: m[1]!, how: `create-invalidation --distribution-id ${m[1]}` }] : [];
  },
  bucketWrites: ["s3:PutObject", "s3:DeleteObject"],
  cdnInvalidations: ["cloudfront:CreateInvalidation"],
  clusterAccess: ["eks:DescribeCluster"],
};

export const cloudParts: Partial<Record<string, CloudParts>> = { aws, gcp, azure };

export function partsFor(plan: PlanReport): CloudParts {
  const parts = cloudParts[plan.cloud];
  if (!parts) throw new Error(`${plan.stack}: the consistency checks know no ${plan.cloud} resource types; add a CloudParts entry in test/consistency/plan-view.ts`);
  return parts;
}

/** Every Deployment, Job, CronJob and managed endpoint of the plan, as run units. */
export function runUnits(plan: PlannedStack): RunUnit[] {
  const pods = plan.resources.filter((r) => podKinds.test(r.type)).map((r): RunUnit => {
    const { template, path } = podTemplate(r);
    const c = template.spec.containers[0] as Inputs;
    const kind = r.type.split(":").pop() as RunUnit["kind"];
    const probes: Probe[] = (["readinessProbe", "livenessProbe", "startupProbe"] as const).flatMap((p) =>
      c[p]?.httpGet ? [{ field: `${path}.spec.containers[0].${p}.httpGet.path`, path: String(c[p].httpGet.path) }] : [],
    );
    return {
      where: `${kind} ${r.name}`,
      kind,
      workload: String(template.metadata?.labels?.["app.kubernetes.io/name"] ?? r.name),
      imageField: `${path}.spec.containers[0].image`,
      image: String(c.image),
      envField: `${path}.spec.containers[0].env`,
      env: Object.fromEntries(((c.env ?? []) as { name: string; value?: string }[]).map((e) => [e.name, String(e.value)])),
      ...(c.command ? { command: c.command as string[] } : {}),
      commandField: `${path}.spec.containers[0].command`,
      portsField: `${path}.spec.containers[0].ports`,
      ports: ((c.ports ?? []) as { name?: string; containerPort: number }[]).map((p) => ({ ...(p.name ? { name: p.name } : {}), containerPort: p.containerPort })),
      probes,
      podLabels: { ...(template.metadata?.labels ?? {}) },
      namespace: (r.inputs as Inputs)["metadata"]?.namespace,
    };
  });
  const managed = plan.spec.ml.models.filter((m) => m.serving === "managed").map((m) => m.name);
  return [...pods, ...partsFor(plan).managedModels(plan, managed)];
}

/** The spec's source folder of each workload (service, model, pipeline): how a workload maps to its example app. */
export function workloadPaths(plan: PlannedStack): Map<string, string> {
  const { spec } = plan;
  return new Map([
    ...spec.web.services.map((s) => [s.name, s.path] as const),
    ...spec.ml.models.flatMap((m) => (m.path ? [[m.name, m.path] as const] : [])),
    ...spec.data.pipelines.flatMap((p) => (p.path ? [[p.name, p.path] as const] : [])),
  ]);
}

/** The spec's port of a workload (services and models); pipelines have none. */
export function specPort(plan: PlannedStack, workload: string): number | undefined {
  const { spec } = plan;
  return spec.web.services.find((s) => s.name === workload)?.port ?? spec.ml.models.find((m) => m.name === workload)?.port;
}

/** A deep copy of a plan with `edit` applied to the named resource's inputs: the mutation tests' one tool. */
export function mutated<P extends PlanReport>(plan: P, type: string, name: string, edit: (inputs: Inputs) => void): P {
  const copy = structuredClone(plan);
  const target = copy.resources.find((r) => r.type === type && r.name === name);
  if (!target) throw new Error(`${plan.stack} has no ${type} ${name}`);
  edit(target.inputs as Inputs);
  return copy;
}
