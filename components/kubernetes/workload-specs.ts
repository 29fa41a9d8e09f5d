import type { PlatformSpec, ServiceSpec } from "../spec/index.ts";

/**
 * Everything the cluster runs, in one shape: the spec's services, and its in-cluster models as internal
 * workloads that call nothing and are granted no data access (the spec grants models none).
 */
export function clusterWorkloads(spec: PlatformSpec): ServiceSpec[] {
  const models = spec.ml.models.filter((m) => m.serving === "cluster");
  return [
    ...spec.web.services,
    ...models.map((m): ServiceSpec => ({
      name: m.name,
      path: m.path ?? "",
      port: m.port,
      replicas: m.replicas,
      resources: m.resources,
      healthPath: m.healthPath,
      readinessPath: m.readinessPath,
      ...(m.image ? { image: m.image } : {}),
      public: false,
      talksTo: [],
      dataAccess: { lake: {} },
    })),
  ];
}

/**
 * What a pod runs as: the long-running server, the migration Job that runs before it rolls out, or a pipeline's
 * scheduled run.
 */
export type PodRole = "server" | "migration" | "pipeline";

/** The labels that select a workload's pods. The Service and the Deployment select servers only. */
export function podLabels(workload: string, role: PodRole): Record<string, string> {
  return { "app.kubernetes.io/name": workload, "app.kubernetes.io/component": role };
}

/** The environment's application namespace, `<platform>-<environment>`: where its services' DNS names live. */
export function appNamespaceName(spec: Pick<PlatformSpec, "name" | "environment">): string {
  return `${spec.name}-${spec.environment}`;
}
