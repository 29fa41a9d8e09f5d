import type { Change, ChangeOp, StackChanges } from "./change-model.ts";
import { isRisky } from "./risk.ts";

/**
 * How much the diagram shows: one node per changed resource with parent edges, or one node per (op, type) with a
 * count when there are too many resources to read (and for GitHub's Mermaid renderer, which refuses large graphs).
 */
export type DiagramDetail = "resources" | "types";

/** Above this many changes a per-resource diagram is unreadable; the renderer falls back to "types". */
export const maxResourceNodes = 80;

const opStyles: Record<ChangeOp, string> = {
  create: "fill:#dafbe1,stroke:#1a7f37",
  update: "fill:#fff8c5,stroke:#9a6700",
  replace: "fill:#ffebe9,stroke:#cf222e",
  delete: "fill:#ffebe9,stroke:#82071e,stroke-dasharray:4",
};
const opSigns: Record<ChangeOp, string> = { create: "+", update: "~", replace: "+-", delete: "-" };

/** A `flowchart` of what changes, one subgraph per stack; empty when nothing changes. */
export function mermaidDiagram(stacks: readonly StackChanges[], detail: DiagramDetail): string {
  const lines = ["flowchart LR"];
  let next = 0;
  const risky: string[] = [];
  for (const stack of stacks) {
    if (stack.changes.length === 0) continue;
    lines.push(`  subgraph s${next++}["${label(stack.stack)}"]`, "    direction TB");
    const nodes = detail === "resources" ? resourceNodes(stack.changes, () => next++) : typeNodes(stack.changes, () => next++);
    lines.push(...nodes.lines);
    risky.push(...nodes.risky);
    lines.push("  end");
  }
  if (lines.length === 1) return "";
  for (const [op, style] of Object.entries(opStyles)) lines.push(`  classDef ${op} ${style}`);
  // `:::` takes one class, so the risky emphasis is applied with a separate `class` statement.
  lines.push("  classDef risky stroke-width:3px");
  if (risky.length > 0) lines.push(`  class ${risky.join(",")} risky`);
  return lines.join("\n");
}

interface Nodes {
  readonly lines: string[];
  readonly risky: string[];
}

function resourceNodes(changes: readonly Change[], id: () => number): Nodes {
  const ids = new Map<string, string>();
  const lines: string[] = [];
  const risky: string[] = [];
  for (const change of changes) {
    const nodeId = `n${id()}`;
    ids.set(change.urn, nodeId);
    if (isRisky(change)) risky.push(nodeId);
    lines.push(`    ${nodeId}["${opSigns[change.op]} ${label(change.name)}<br/><small>${label(change.type)}</small>"]:::${change.op}`);
  }
  // Edges only between changed resources: unchanged parents would add nodes reviewers did not ask about.
  for (const change of changes) {
    const parent = change.parent ? ids.get(change.parent) : undefined;
    if (parent) lines.push(`    ${parent} --> ${ids.get(change.urn)}`);
  }
  return { lines, risky };
}

function typeNodes(changes: readonly Change[], id: () => number): Nodes {
  const groups = new Map<string, { op: ChangeOp; type: string; count: number; risky: boolean }>();
  for (const change of changes) {
    const key = `${change.op} ${change.type}`;
    const group = groups.get(key) ?? { op: change.op, type: change.type, count: 0, risky: false };
    group.count += 1;
    group.risky ||= isRisky(change);
    groups.set(key, group);
  }
  const lines: string[] = [];
  const risky: string[] = [];
  for (const g of groups.values()) {
    const nodeId = `n${id()}`;
    if (g.risky) risky.push(nodeId);
    lines.push(`    ${nodeId}["${opSigns[g.op]} ${g.count} × ${label(g.type)}"]:::${g.op}`);
  }
  return { lines, risky };
}

/** Mermaid labels are quoted; quotes and angle brackets would end the label or inject HTML. */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
