import { changeOps, type Change, type StackChanges } from "./change-model.ts";
import { code, details, plural, table } from "../../markdown/markdown.ts";
import { urnName } from "../../plan/urn.ts";
import { maxResourceNodes, mermaidDiagram } from "./mermaid.ts";
import { riskLabels, riskReasons } from "./risk.ts";
import type { ScanVerdict } from "./scan-verdicts.ts";

/** GitHub refuses issue and pull-request comment bodies longer than this many characters. */
export const githubBodyLimit = 65_536;

export interface CommentInput {
  readonly stacks: readonly StackChanges[];
  readonly verdicts: readonly ScanVerdict[];
  /** Where the full report lives (e.g. the workflow run's artifact); linked when detail had to be collapsed. */
  readonly detailsUrl?: string;
  /** The hidden marker the sticky comment is found by; it is part of the body, so it counts toward the limit. */
  readonly marker: string;
  /** The heading; "stratum preview" unless given. */
  readonly title?: string;
  /** Defaults to GitHub's limit; tests lower it. */
  readonly limit?: number;
}

/**
 * Collapse steps, least drastic first. Each step drops detail a reviewer can find in the full report; the summary
 * line and the per-stack table are never dropped.
 */
const collapseSteps = [
  { diagram: "resources", details: "all", riskRows: Infinity, note: "" },
  { diagram: "types", details: "all", riskRows: Infinity, note: "diagram grouped by resource type" },
  { diagram: "types", details: "risky", riskRows: Infinity, note: "routine changes counted by type" },
  { diagram: "none", details: "none", riskRows: Infinity, note: "diagram and per-resource details omitted" },
  { diagram: "none", details: "none", riskRows: 200, note: "risky changes truncated to 200" },
  { diagram: "none", details: "none", riskRows: 20, note: "risky changes truncated to 20" },
  { diagram: "none", details: "none", riskRows: 0, note: "risky changes listed only in the full report" },
] as const;

type Step = (typeof collapseSteps)[number];

export interface RenderedComment {
  readonly body: string;
  /** The note of the collapse step used; empty when nothing was collapsed. */
  readonly collapsed: string;
}

/** The sticky preview comment: the least-collapsed rendering that fits the limit. */
export function renderComment(input: CommentInput): RenderedComment {
  const limit = input.limit ?? githubBodyLimit;
  for (const step of collapseSteps) {
    const body = render(input, step);
    if (body.length <= limit) return { body, collapsed: step.note };
  }
  // Even the bare summary is too long (thousands of stacks): keep its head and say where the rest is.
  const last = collapseSteps[collapseSteps.length - 1] as Step;
  const tail = `\n\n_Truncated to fit GitHub's comment limit._${input.detailsUrl ? ` [Full report](${input.detailsUrl})` : ""}\n`;
  return { body: render(input, last).slice(0, limit - tail.length) + tail, collapsed: "summary truncated" };
}

function render(input: CommentInput, step: Step): string {
  const changes = input.stacks.flatMap((s) => s.changes.map((change) => ({ stack: s.stack, change, reasons: riskReasons(change) })));
  const risky = changes.filter((c) => c.reasons.length > 0).sort((a, b) => riskRank(b.change) - riskRank(a.change));
  const parts = [input.marker, `## ${input.title ?? "stratum preview"}`, summaryLine(input, risky.length), stackTable(input.stacks)];

  if (risky.length > 0 && step.riskRows > 0) {
    const shown = risky.slice(0, step.riskRows);
    const rows = shown.map((r) => [r.stack, r.change.op, code(r.change.name), code(r.change.type), r.reasons.map((x) => riskLabels[x]).join(", ")]);
    const more = risky.length - shown.length;
    parts.push(`### ⚠️ Risky changes first\n\n${table(["Stack", "Op", "Resource", "Type", "Why"], rows)}${more > 0 ? `\n\n…and ${more} more in the full report.` : ""}`);
  }
  const violations = policySection(input.stacks);
  if (violations) parts.push(violations);
  const policyChanges = policyChangesSection(input.stacks);
  if (policyChanges) parts.push(policyChanges);
  const secrets = input.stacks.flatMap((s) => (s.configSecrets ?? []).map((c) => [s.stack, code(c.key), `${c.change} ([secret])`]));
  if (secrets.length > 0) parts.push(`### Secret config values changed\n\n${table(["Stack", "Key", "Change"], secrets)}`);
  if (input.verdicts.length > 0) parts.push(verdictSection(input.verdicts));
  if (step.diagram !== "none") {
    const total = changes.length;
    const diagram = mermaidDiagram(input.stacks, step.diagram === "resources" && total <= maxResourceNodes ? "resources" : "types");
    if (diagram) parts.push(`### What changes\n\n\`\`\`mermaid\n${diagram}\n\`\`\``);
  }
  if (step.details !== "none") parts.push(...input.stacks.filter((s) => s.changes.length > 0).map((s) => stackDetails(s, step.details === "all")));
  const footer = [
    step.note ? `_Detail collapsed to fit GitHub's ${githubBodyLimit.toLocaleString("en")}-character comment limit: ${step.note}._` : "",
    input.detailsUrl ? `[Full report](${input.detailsUrl})` : "",
  ].filter(Boolean);
  if (footer.length > 0) parts.push(footer.join(" "));
  return `${parts.join("\n\n")}\n`;
}

function summaryLine(input: CommentInput, riskyCount: number): string {
  const counts = countOps(input.stacks.flatMap((s) => s.changes));
  const mandatory = input.stacks.flatMap((s) => s.violations).filter((v) => v.enforcement === "mandatory" && !v.waived).length;
  const blocked = input.verdicts.filter((v) => v.verdict === "blocked").length;
  const items = [
    `**${plural(input.stacks.length, "stack")}**`,
    ...changeOps.map((op) => `${counts[op]} to ${op}`),
    riskyCount > 0 ? `⚠️ ${plural(riskyCount, "risky change")}` : "no risky changes",
  ];
  if (mandatory > 0) items.push(`🚫 ${plural(mandatory, "mandatory policy violation")}`);
  if (blocked > 0) items.push(`🚫 ${plural(blocked, "blocked image")}`);
  return items.join(" · ");
}

function stackTable(stacks: readonly StackChanges[]): string {
  const rows = stacks.map((s) => {
    const counts = countOps(s.changes);
    return [s.stack, sourceLabels[s.source], ...changeOps.map((op) => String(counts[op])), String(s.changes.filter((c) => riskReasons(c).length > 0).length)];
  });
  return table(["Stack", "Source", "Create", "Update", "Replace", "Delete", "Risky"], rows);
}

const sourceLabels: Record<StackChanges["source"], string> = { preview: "preview", "offline-plan": "offline plan (all creates)", "plan-diff": "offline plan diff" };

/** A plan diff's policy on both sides: what the change fixes and which compliance controls change status. */
function policyChangesSection(stacks: readonly StackChanges[]): string {
  const rows = stacks.flatMap((s) => [
    ...(s.policyChanges?.fixed ?? []).map((f) => [s.stack, "✅ fixed", code(f.rule), f.urn ? code(urnName(f.urn)) : ""]),
    ...(s.policyChanges?.controls ?? []).map((c) => [s.stack, `control ${c.old} → ${c.new}`, code(`${c.framework} ${c.control}`), ""]),
  ]);
  return rows.length === 0 ? "" : `### Policy changes\n\n${table(["Stack", "Change", "Rule or control", "Resource"], rows)}`;
}

function policySection(stacks: readonly StackChanges[]): string {
  const rows = stacks.flatMap((s) =>
    s.violations.map((v) => [s.stack, v.waived ? `${v.enforcement} (waived)` : v.enforcement, code(v.rule), v.urn ? code(urnName(v.urn)) : "", v.message]),
  );
  const heading = stacks.some((s) => s.policyChanges) ? "Policy violations the change introduces" : "Policy violations";
  return rows.length === 0 ? "" : `### ${heading}\n\n${table(["Stack", "Enforcement", "Rule", "Resource", "Message"], rows)}`;
}

function verdictSection(verdicts: readonly ScanVerdict[]): string {
  const rows = verdicts.map((v) => [
    v.verdict === "blocked" ? "🚫 blocked" : "✅ pass",
    code(v.image),
    code(v.digest.slice(0, 19)),
    Object.entries(v.counts).map(([k, n]) => `${k}: ${n}`).join(", ") || "none",
    String(v.blocking),
  ]);
  return `### Image scan verdicts\n\n${table(["Verdict", "Image", "Digest", "Findings", "Blocking"], rows)}`;
}

function stackDetails(stack: StackChanges, all: boolean): string {
  const shown = all ? stack.changes : stack.changes.filter((c) => riskReasons(c).length > 0);
  const rows = shown.map((c) => [c.op, code(c.name), code(c.type), changedKeys(c)]);
  const parts = rows.length > 0 ? [table(["Op", "Resource", "Type", "Changed"], rows)] : [];
  if (!all) {
    const routine = new Map<string, number>();
    for (const c of stack.changes) if (riskReasons(c).length === 0) routine.set(`${c.op} ${c.type}`, (routine.get(`${c.op} ${c.type}`) ?? 0) + 1);
    if (routine.size > 0) parts.push(`Routine changes by type: ${[...routine].map(([k, n]) => `${n} × ${code(k)}`).join(", ")}`);
  }
  const counts = countOps(stack.changes);
  const summary = `${stack.stack}: ${changeOps.filter((op) => counts[op] > 0).map((op) => `${counts[op]} ${op}`).join(", ")}`;
  return details(summary, parts.join("\n\n"));
}

function changedKeys(change: Change): string {
  const unknown = new Set(change.replaceUnknown ?? []);
  const keys = change.replaceReasons.length > 0 ? change.replaceReasons.map((k) => `${k} (forces replace)`) : change.changedKeys.map((k) => (unknown.has(k) ? `${k} (replace unknown)` : k));
  return keys.length > 6 ? `${keys.slice(0, 6).join(", ")}, +${keys.length - 6}` : keys.join(", ");
}

function countOps(changes: readonly Change[]): Record<(typeof changeOps)[number], number> {
  const counts = { create: 0, update: 0, replace: 0, delete: 0 };
  for (const c of changes) counts[c.op] += 1;
  return counts;
}

/** Deletes first, then replaces, then the rest by number of reasons. */
function riskRank(change: Change): number {
  const reasons = riskReasons(change);
  return (change.op === "delete" ? 100 : change.op === "replace" ? 50 : 0) + reasons.length;
}
