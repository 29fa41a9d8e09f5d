import type { PlatformSpec } from "../spec/index.ts";
import { appNamespaceName } from "../kubernetes/workload-specs.ts";
import { warehouseTarget, wiredWorkloads } from "./workloads.ts";

export type FlowNodeKind = "ci" | "registry" | "cluster" | "service" | "model" | "pipeline" | "endpoint" | "database" | "zone" | "warehouse" | "frontend" | "cdn" | "internet";

export interface FlowNode {
  /** Unique in the system, safe as a Mermaid id: `service_api`, `zone_raw`. */
  readonly id: string;
  readonly kind: FlowNodeKind;
  readonly label: string;
  /** `cluster` for what runs on the cluster (drawn inside it). */
  readonly within?: "cluster";
}

export interface Flow {
  readonly from: string;
  readonly to: string;
  /** What flows: the access level, the port, the action. */
  readonly label: string;
}

export interface SystemFlows {
  readonly nodes: readonly FlowNode[];
  readonly flows: readonly Flow[];
}

const id = (kind: string, name: string) => `${kind}_${name.replace(/[^A-Za-z0-9]/g, "_")}`;

/**
 * The system's flows, from the same wiring model the environment variables, identities and NetworkPolicies are
 * made from (wiring/workloads.ts): CI pushes to the stack's registry, which the cluster and managed endpoints pull
 * from; each service's calls (`talksTo`, with the callee's port); each workload's database, lake-zone and warehouse
 * access, with its level; each pipeline from its source zone to its target; public services from the internet;
 * the front end's bucket, which CI uploads to, behind the CDN.
 */
export function systemFlows(spec: PlatformSpec): SystemFlows {
  const workloads = wiredWorkloads(spec);
  const nodes: FlowNode[] = [{ id: "ci", kind: "ci", label: "CI (GitHub Actions)" }, { id: "registry", kind: "registry", label: "registry (the stack's own)" }];
  const flows: Flow[] = [{ from: "ci", to: "registry", label: "push by digest" }];
  const onCluster = workloads.filter((w) => w.runsOn === "cluster");
  if (onCluster.length > 0) {
    nodes.push({ id: "cluster", kind: "cluster", label: `cluster, namespace ${appNamespaceName(spec)}` });
    flows.push({ from: "registry", to: "cluster", label: "pull" });
  }
  const nodeOf = (name: string) => {
    const w = workloads.find((x) => x.name === name)!;
    return w.runsOn === "managed" ? id("endpoint", name) : id(w.kind, name);
  };
  for (const w of workloads) {
    if (w.runsOn === "managed") {
      nodes.push({ id: id("endpoint", w.name), kind: "endpoint", label: `${w.name}: managed endpoint :${w.port}` });
      flows.push({ from: "registry", to: id("endpoint", w.name), label: "pull" });
    } else {
      nodes.push({ id: id(w.kind, w.name), kind: w.kind, label: w.port !== undefined ? `${w.name}: ${w.kind} :${w.port}` : `${w.name}: ${w.kind}`, within: "cluster" });
    }
  }
  if (spec.data.database) nodes.push({ id: "database", kind: "database", label: `database ${spec.data.database.name}` });
  for (const zone of spec.data.lake.zones) nodes.push({ id: id("zone", zone), kind: "zone", label: `lake zone ${zone}` });
  if (spec.data.warehouse) nodes.push({ id: "warehouse", kind: "warehouse", label: "warehouse" });

  for (const w of workloads) {
    const self = nodeOf(w.name);
    if (w.public) {
      if (!nodes.some((n) => n.id === "internet")) nodes.push({ id: "internet", kind: "internet", label: "internet" });
      flows.push({ from: "internet", to: self, label: "https via ingress" });
    }
    for (const callee of w.talksTo) flows.push({ from: self, to: nodeOf(callee), label: `http :${workloads.find((x) => x.name === callee)?.port ?? "?"}` });
    if (w.dataAccess.database) flows.push({ from: self, to: "database", label: w.dataAccess.database });
    if (w.pipeline) {
      // A pipeline's data moves from its source to its target, and the picture says so.
      flows.push({ from: id("zone", w.pipeline.source), to: self, label: "read" });
      flows.push({ from: self, to: w.pipeline.target === warehouseTarget ? "warehouse" : id("zone", w.pipeline.target), label: "readwrite" });
      continue;
    }
    for (const [zone, level] of Object.entries(w.dataAccess.lake)) flows.push({ from: self, to: id("zone", zone), label: level });
    if (w.dataAccess.warehouse) flows.push({ from: self, to: "warehouse", label: w.dataAccess.warehouse });
  }
  const frontend = spec.web.frontend;
  if (frontend) {
    nodes.push({ id: "frontend", kind: "frontend", label: `front end ${frontend.name} (bucket)` }, { id: "cdn", kind: "cdn", label: frontend.domain ? `CDN ${frontend.domain}` : "CDN" });
    if (!nodes.some((n) => n.id === "internet")) nodes.push({ id: "internet", kind: "internet", label: "internet" });
    flows.push(
      { from: "ci", to: "frontend", label: "upload" },
      { from: "ci", to: "cdn", label: "invalidate" },
      { from: "frontend", to: "cdn", label: "origin" },
      { from: "internet", to: "cdn", label: "https" },
    );
  }
  return { nodes, flows };
}
