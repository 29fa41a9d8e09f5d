import type { RawSpec } from "./schema.ts";
import { profiles } from "./profiles.ts";
import type { DataAccess, PlatformSpec, ServiceSpec } from "./platform-spec.ts";
import { resolveAccount } from "./account.ts";

/** The path of a problem inside the `stratum:` namespace, e.g. ["web", "services", 1, "port"]. */
export type SpecPath = readonly (string | number)[];
export interface SpecProblem {
  readonly path: SpecPath;
  readonly message: string;
}

const warehouseTarget = "warehouse";
/** The port a managed model endpoint's container listens on: SageMaker's serving contract (`/ping`, `/invocations`). */
export const managedModelPort = 8080;

/**
 * Checks what a schema cannot see on its own: references between parts of the spec. Returns every problem,
 * not just the first.
 */
export function crossCheck(raw: RawSpec): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const services = raw.web?.services ?? [];
  const models = raw.ml?.models ?? [];
  const profile = profiles[raw.environment];
  const zones = raw.data?.lake?.zones ?? profile.lake.zones;
  const serviceNames = services.map((s) => s.name);

  const allowed = raw.allowedRegions ?? [raw.region];
  if (!allowed.includes(raw.region)) {
    problems.push({ path: ["region"], message: `got "${raw.region}", expected one of the allowed regions (${allowed.join(", ")})` });
  }
  duplicates(serviceNames).forEach((name) => problems.push({ path: ["web", "services"], message: `service name "${name}" is used twice` }));
  const modelNames = models.map((m) => m.name);
  serviceNames.filter((name) => modelNames.includes(name)).forEach((name) =>
    problems.push({ path: ["ml", "models"], message: `model name "${name}" is also a service name; workloads need distinct names` }),
  );
  duplicates(models.map((m) => m.name)).forEach((name) => problems.push({ path: ["ml", "models"], message: `model name "${name}" is used twice` }));
  duplicates(zones).forEach((zone) => problems.push({ path: ["data", "lake", "zones"], message: `zone "${zone}" is listed twice` }));

  services.forEach((service, i) => {
    (service.talksTo ?? []).forEach((target, j) => {
      if (target === service.name) problems.push({ path: ["web", "services", i, "talksTo", j], message: `a service does not need to allow itself` });
      else if (!serviceNames.includes(target) && !models.some((m) => m.name === target && m.serving === "cluster")) {
        problems.push({ path: ["web", "services", i, "talksTo", j], message: `got "${target}", expected the name of a service or in-cluster model (${[...serviceNames, ...models.filter((m) => m.serving === "cluster").map((m) => m.name)].join(", ") || "none declared"})` });
      }
    });
    Object.keys(service.dataAccess?.lake ?? {}).forEach((zone) => {
      if (!zones.includes(zone)) problems.push({ path: ["web", "services", i, "dataAccess", "lake", zone], message: `got zone "${zone}", expected one of the lake's zones (${zones.join(", ")})` });
    });
    if (service.dataAccess?.database && !raw.data?.database) {
      problems.push({ path: ["web", "services", i, "dataAccess", "database"], message: `grants database access, but stratum:data.database is not declared` });
    }
    if (service.dataAccess?.warehouse && raw.data?.warehouse?.enabled === false) {
      problems.push({ path: ["web", "services", i, "dataAccess", "warehouse"], message: `grants warehouse access, but the warehouse is disabled` });
    }
    if (service.public && !service.host) {
      problems.push({ path: ["web", "services", i, "host"], message: `is required when the service is public (the ingress needs a host name for TLS)` });
    }
    if (service.replicas?.min !== undefined && service.replicas.max !== undefined && service.replicas.min > service.replicas.max) {
      problems.push({ path: ["web", "services", i, "replicas"], message: `min ${service.replicas.min} is greater than max ${service.replicas.max}` });
    }
  });

  (raw.data?.pipelines ?? []).forEach((pipeline, i) => {
    if (!zones.includes(pipeline.source)) problems.push({ path: ["data", "pipelines", i, "source"], message: `got "${pipeline.source}", expected one of the lake's zones (${zones.join(", ")})` });
    if (!zones.includes(pipeline.target) && pipeline.target !== warehouseTarget) {
      problems.push({ path: ["data", "pipelines", i, "target"], message: `got "${pipeline.target}", expected a lake zone (${zones.join(", ")}) or "${warehouseTarget}"` });
    }
  });

  models.forEach((model, i) => {
    if (model.serving === "managed" && model.port !== undefined && model.port !== managedModelPort) {
      problems.push({ path: ["ml", "models", i, "port"], message: `got ${model.port}, expected ${managedModelPort} or nothing: a managed endpoint's container listens on ${managedModelPort} (the serving contract)` });
    }
  });

  const pipelineNames = (raw.data?.pipelines ?? []).map((p) => p.name);
  const workloadNames = [...serviceNames, ...modelNames, ...pipelineNames];
  duplicates(pipelineNames).forEach((name) => problems.push({ path: ["data", "pipelines"], message: `pipeline name "${name}" is used twice` }));
  pipelineNames.filter((name) => serviceNames.includes(name) || modelNames.includes(name)).forEach((name) =>
    problems.push({ path: ["data", "pipelines"], message: `pipeline name "${name}" is also a service or model name; workloads need distinct names` }),
  );
  Object.keys(raw.images ?? {}).forEach((name) => {
    if (!workloadNames.includes(name)) {
      problems.push({ path: ["images", name], message: `names no service, model or pipeline (${workloadNames.join(", ")})` });
    }
  });

  const cluster = raw.infra?.cluster;
  if (cluster?.minNodes !== undefined && cluster.maxNodes !== undefined && cluster.minNodes > cluster.maxNodes) {
    problems.push({ path: ["infra", "cluster"], message: `minNodes ${cluster.minNodes} is greater than maxNodes ${cluster.maxNodes}` });
  }
  if (raw.environment === "prod" && (raw.compliance.advisoryRules ?? []).length > 0) {
    problems.push({ path: ["compliance", "advisoryRules"], message: `got ${JSON.stringify(raw.compliance.advisoryRules)}, expected none: every selected rule is mandatory in prod` });
  }
  if (raw.environment === "prod" && (cluster?.publicAccessCidrs ?? []).length > 0) {
    problems.push({ path: ["infra", "cluster", "publicAccessCidrs"], message: `got ${JSON.stringify(cluster?.publicAccessCidrs)}, expected none: the cluster API endpoint is private in prod` });
  }
  const review = raw.review;
  if ((review?.pullRequest === undefined) !== (review?.baseStack === undefined)) {
    problems.push({ path: ["review"], message: `got ${JSON.stringify(review)}, expected pullRequest and baseStack together (a review stack) or neither` });
  }
  if (review?.teardown && review.pullRequest === undefined) {
    problems.push({ path: ["review", "teardown"], message: `got true, expected it only in a review stack (with pullRequest and baseStack)` });
  }
  if (review?.pullRequest !== undefined && raw.environment !== "dev") {
    problems.push({ path: ["environment"], message: `got "${raw.environment}", expected "dev": a review stack (stratum:review.pullRequest) runs in the dev cluster` });
  }
  return problems;
}

function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((v, i) => values.indexOf(v) !== i))];
}

/** Fills every default from the environment profile. The input must already have passed `crossCheck`. */
export function resolveSpec(raw: RawSpec, stack: string): PlatformSpec {
  const profile = profiles[raw.environment];
  const images = raw.images ?? {};
  const [owner = "", repo = ""] = raw.github.repository.split("/");
  const services: ServiceSpec[] = (raw.web?.services ?? []).map((s) => ({
    name: s.name,
    path: s.path,
    port: s.port,
    replicas: { min: s.replicas?.min ?? profile.services.minReplicas, max: s.replicas?.max ?? Math.max(profile.services.maxReplicas, s.replicas?.min ?? 0) },
    resources: { cpu: s.resources?.cpu ?? profile.services.cpu, memory: s.resources?.memory ?? profile.services.memory },
    healthPath: s.healthPath ?? "/healthz",
    readinessPath: s.readinessPath ?? "/readyz",
    public: s.public ?? false,
    ...(s.host ? { host: s.host } : {}),
    talksTo: s.talksTo ?? [],
    dataAccess: dataAccessOf(s.dataAccess),
    ...(s.migrations ? { migrations: s.migrations } : {}),
    ...(images[s.name] ? { image: images[s.name] } : {}),
  }));
  const database = raw.data?.database;
  return {
    name: raw.name,
    stack,
    cloud: raw.cloud,
    region: raw.region,
    environment: raw.environment,
    account: resolveAccount(raw.cloud, raw.account, raw.name, raw.environment),
    allowedRegions: raw.allowedRegions ?? [raw.region],
    tags: { ...raw.tags },
    compliance: {
      frameworks: raw.compliance.frameworks,
      dataClassification: raw.compliance.dataClassification,
      advisoryRules: raw.compliance.advisoryRules ?? [],
    },
    github: { repository: raw.github.repository, owner, repo },
    infra: {
      network: { ...profile.network, ...defined(raw.infra?.network ?? {}) },
      cluster: { ...profile.cluster, ...defined(raw.infra?.cluster ?? {}), publicAccessCidrs: raw.infra?.cluster?.publicAccessCidrs ?? [] },
    },
    web: {
      ...(raw.web?.frontend ? { frontend: { name: raw.web.frontend.name ?? "frontend", path: raw.web.frontend.path, ...(raw.web.frontend.domain ? { domain: raw.web.frontend.domain } : {}) } } : {}),
      services,
      placement: { spreadAcrossZones: profile.services.spreadAcrossZones, podDisruptionBudget: profile.services.podDisruptionBudget },
    },
    data: {
      ...(database ? { database: { name: database.name ?? "app", ...profile.database, ...defined(database) } } : {}),
      lake: { ...profile.lake, ...defined(raw.data?.lake ?? {}) },
      ...(raw.data?.warehouse?.enabled === false ? {} : raw.data?.warehouse ? { warehouse: { size: raw.data.warehouse.size ?? profile.warehouse.size } } : {}),
      pipelines: (raw.data?.pipelines ?? []).map((p) => ({ ...p, ...(images[p.name] ? { image: images[p.name] } : {}) })),
      pipelineRuntime: { ...profile.pipelines, resources: { cpu: profile.services.cpu, memory: profile.services.memory } },
    },
    ml: {
      models: (raw.ml?.models ?? []).map((m) => ({
        name: m.name,
        ...(m.path ? { path: m.path } : {}),
        serving: m.serving,
        port: m.port ?? managedModelPort,
        size: m.size ?? profile.models.size,
        replicas: { min: m.replicas?.min ?? profile.models.minReplicas, max: m.replicas?.max ?? Math.max(profile.models.maxReplicas, m.replicas?.min ?? 0) },
        resources: { cpu: profile.services.cpu, memory: profile.services.memory },
        healthPath: "/healthz",
        readinessPath: "/readyz",
        ...(images[m.name] ? { image: images[m.name] } : {}),
      })),
    },
    teams: raw.teams ?? [],
    keys: profile.keys,
    registry: profile.registry,
    audit: profile.audit,
    scan: { failOn: raw.scan?.failOn ?? profile.scan.failOn },
    review: {
      ttlHours: raw.review?.ttlHours ?? profile.review.ttlHours,
      ...(raw.review?.pullRequest !== undefined && raw.review.baseStack ? { pullRequest: raw.review.pullRequest, baseStack: raw.review.baseStack } : {}),
      ...(raw.review?.teardown ? { teardown: true } : {}),
    },
    ci: { clusterRunnerLabels: raw.ci?.clusterRunnerLabels ?? [] },
  };
}

function dataAccessOf(raw: { database?: DataAccess["database"]; warehouse?: DataAccess["warehouse"]; lake?: Record<string, "read" | "readwrite"> } | undefined): DataAccess {
  return {
    ...(raw?.database ? { database: raw.database } : {}),
    ...(raw?.warehouse ? { warehouse: raw.warehouse } : {}),
    lake: raw?.lake ?? {},
  };
}

/** Drops undefined fields so that spreading an override never erases a profile default. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
