import type { FlowNode, SystemFlows } from "../../components/wiring/flows.ts";

/** Stores and registries as cylinders; everything else as boxes. */
const stores = new Set<FlowNode["kind"]>(["registry", "database", "zone", "warehouse", "frontend"]);

function node(n: FlowNode): string {
  const label = n.label.replace(/"/g, "#quot;");
  return stores.has(n.kind) ? `${n.id}[("${label}")]` : `${n.id}["${label}"]`;
}

/**
 * The system's flows as a Mermaid flowchart: what runs on the cluster inside its subgraph, each flow an edge
 * labelled with what flows (access level, port, action).
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
