import type { Flow, FlowNode, SystemFlows } from "./model.ts";

/** Stores and registries as cylinders; everything else as boxes. */
const stores = new Set<FlowNode["kind"]>(["registry", "database", "zone", "warehouse", "frontend"]);

function node(n: FlowNode): string {
  const label = n.label.replace(/"/g, "#quot;");
  return stores.has(n.kind) ? `${n.id}[("${label}")]` : `${n.id}["${label}"]`;
}

/**
 * The system's flows as a Mermaid flowchart: what runs on the cluster inside its subgraph, each flow an edge
 * labelled with what flows (access level, port, action). It draws every node and flow it is given: a report draws
 * `flowsPicture(system).system`, which stays readable however large the platform.
 */
export function flowsMermaid(system: SystemFlows): string[] {
  const lines = ["flowchart LR"];
  const cluster = system.nodes.find((n) => n.kind === "cluster");
  const inside = system.nodes.filter((n) => n.within === "cluster");
  for (const n of system.nodes.filter((x) => x.kind !== "cluster" && x.within !== "cluster")) lines.push(`  ${node(n)}`);
  if (cluster) {
    lines.push(`  subgraph ${cluster.id}["${cluster.label}"]`);
    for (const n of inside) lines.push(`    ${node(n)}`);
    lines.push("  end");
  }
  for (const f of system.flows) lines.push(`  ${f.from} -->|"${f.label.replace(/"/g, "#quot;")}"| ${f.to}`);
  return lines;
}

/**
 * The most a picture draws. A platform has up to 500 services, each calling up to 100 others: drawn one by one, its
 * flows would make a report megabytes long, and Mermaid (which GitHub renders) refuses a diagram over 500 edges or
 * 50,000 characters (its `maxEdges` and `maxTextSize` defaults). Well below those, a picture is still one to read.
 */
export const pictureCaps = { nodes: 60, flows: 120 } as const;
/** In a picture over the caps, a kind with more nodes than this (services, lake zones) is drawn as one node: with 13 kinds of node, a grouped picture has at most 52. */
const groupAbove = 4;

const kindNouns: Partial<Record<FlowNode["kind"], string>> = { zone: "lake zones", endpoint: "managed endpoints" };

export interface FlowsPicture {
  /** What to draw: the system itself, or its nodes grouped by kind and its flows merged between the groups. */
  readonly system: SystemFlows;
  /** When the picture is not the whole system: a sentence that says what it groups and leaves out. */
  readonly note?: string;
}

/**
 * The system as a picture can show it: itself when it fits the caps, else each crowded kind as one node (`200
 * services`), the flows between the same two nodes merged into one edge that counts them, and edges beyond the cap
 * left out, with a note that says so. Its size is bounded whatever the spec; the plan JSON keeps every flow.
 */
export function flowsPicture(system: SystemFlows): FlowsPicture {
  if (system.nodes.length <= pictureCaps.nodes && system.flows.length <= pictureCaps.flows) return { system };
  const perKind = new Map<FlowNode["kind"], number>();
  for (const n of system.nodes) perKind.set(n.kind, (perKind.get(n.kind) ?? 0) + 1);
  const grouped = new Set([...perKind].filter(([kind, count]) => kind !== "cluster" && count > groupAbove).map(([kind]) => kind));
  // A node id is `<kind>_<name>` with a name starting with a letter, so `<kind>__all` is no node's id.
  const groupId = (kind: FlowNode["kind"]) => `${kind}__all`;
  const drawnAs = new Map(system.nodes.map((n) => [n.id, grouped.has(n.kind) ? groupId(n.kind) : n.id]));

  const nodes: FlowNode[] = [];
  for (const n of system.nodes) {
    if (!grouped.has(n.kind)) nodes.push(n);
    else if (!nodes.some((x) => x.id === groupId(n.kind))) {
      nodes.push({ id: groupId(n.kind), kind: n.kind, label: `${perKind.get(n.kind)} ${kindNouns[n.kind] ?? `${n.kind}s`}`, ...(n.within ? { within: n.within } : {}) });
    }
  }
  const merged = new Map<string, { from: string; to: string; labels: string[]; count: number }>();
  for (const f of system.flows) {
    const [from, to] = [drawnAs.get(f.from) ?? f.from, drawnAs.get(f.to) ?? f.to];
    const edge = merged.get(`${from} ${to}`) ?? { from, to, labels: [], count: 0 };
    if (!edge.labels.includes(f.label)) edge.labels.push(f.label);
    edge.count += 1;
    merged.set(`${from} ${to}`, edge);
  }
  const edges: Flow[] = [...merged.values()].map(({ from, to, labels, count }) => {
    const what = labels.length <= 3 ? labels.join(", ") : `${labels.length} kinds`;
    return { from, to, label: count > 1 ? `${what} (${count} flows)` : what };
  });
  const drawn = edges.slice(0, pictureCaps.flows);

  const groupNames = [...grouped].map((kind) => `the ${perKind.get(kind)} ${kindNouns[kind] ?? `${kind}s`}`);
  const groups = groupNames.length > 1 ? `${groupNames.slice(0, -1).join(", ")} and ${groupNames.at(-1)} each` : groupNames[0];
  const cut = edges.length - drawn.length;
  const note =
    `The system has ${system.nodes.length} nodes and ${system.flows.length} flows, more than one picture shows (at most ${pictureCaps.nodes} nodes and ${pictureCaps.flows} flows): ` +
    `${groups ? `it draws ${groups} as one node, and the flows between two nodes as one edge that counts them` : "it merges the flows between two nodes into one edge that counts them"}` +
    `${cut > 0 ? `, and leaves out ${cut} of those edges` : ""}. Every node and flow is in the plan JSON (\`flows\`).`;
  return { system: { nodes, flows: drawn }, note };
}
