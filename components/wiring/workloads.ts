import type { DataAccess, PipelineSpec, PlatformSpec } from "../spec/index.ts";

/** The pipeline target that is not a lake zone. */
export const warehouseTarget = "warehouse";

export type WorkloadKind = "service" | "model" | "pipeline";

/**
 * One workload as the wiring sees it: what it is, where it runs, the port it serves on, whom it calls and what
 * data it is granted. Everything that connects workloads (their environment variables, NetworkPolicies, cloud
 * identities and the plan's flow diagram) reads this one model, so the parts cannot disagree.
 */
export interface WiredWorkload {
  readonly name: string;
  readonly kind: WorkloadKind;
  /** `managed`: the cloud's model endpoint; everything else runs on the cluster. */
  readonly runsOn: "cluster" | "managed";
  /** The port it serves on: services and models. Pipelines serve nothing. */
  readonly port?: number;
  /** Reachable from the internet through the cluster's ingress (public services). */
  readonly public: boolean;
  /** The services and in-cluster models it calls. */
  readonly talksTo: readonly string[];
  readonly dataAccess: DataAccess;
  /** Services with `migrations`: a Job from the same image, with the same grants, runs before each rollout. */
  readonly migrates: boolean;
  /** Pipelines only: the zone read and the zone (or the warehouse) written. */
  readonly pipeline?: { readonly source: string; readonly target: string };
}

/**
 * What a pipeline is granted: read on its source zone and read/write on its target zone (read/write on the one
 * zone when both are the same), or read/write on the warehouse when that is its target. Nothing else.
 */
export function pipelineAccess(pipeline: Pick<PipelineSpec, "source" | "target">): DataAccess {
  if (pipeline.target === warehouseTarget) return { lake: { [pipeline.source]: "read" }, warehouse: "readwrite" };
  return { lake: { [pipeline.source]: "read", [pipeline.target]: "readwrite" } };
}

/** Every workload of the spec, in a stable order: services, models, pipelines, each as declared. */
export function wiredWorkloads(spec: PlatformSpec): WiredWorkload[] {
  return [
    ...spec.web.services.map((s): WiredWorkload => ({ name: s.name, kind: "service", runsOn: "cluster", port: s.port, public: s.public, talksTo: s.talksTo, dataAccess: s.dataAccess, migrates: s.migrations !== undefined })),
    ...spec.ml.models.map((m): WiredWorkload => ({ name: m.name, kind: "model", runsOn: m.serving, port: m.port, public: false, talksTo: [], dataAccess: { lake: {} }, migrates: false })),
    ...spec.data.pipelines.map((p): WiredWorkload => ({
      name: p.name,
      kind: "pipeline",
      runsOn: "cluster",
      public: false,
      talksTo: [],
      dataAccess: pipelineAccess(p),
      migrates: false,
      pipeline: { source: p.source, target: p.target },
    })),
  ];
}

/** The workload of that name; the spec's cross-checks guarantee that names are unique and references resolve. */
export function wiredWorkload(workloads: readonly WiredWorkload[], name: string): WiredWorkload {
  const found = workloads.find((w) => w.name === name);
  if (!found) throw new Error(`no workload named "${name}" (the spec's cross-checks should have refused this)`);
  return found;
}
