import { code, table } from "../../markdown/markdown.ts";
import { urnName } from "../urn.ts";
import type { InputChange, PlanDiff, ResourceDiff, StackDiff } from "./diff-model.ts";

/** A value as printed: JSON, cut to `max` characters. Secrets are "[secret]" already (input-changes.ts). */
export function shown(value: unknown, max = 80): string {
  if (value === undefined) return "(absent)";
  const text = JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function summaryLine(s: StackDiff): string {
  const { create, delete: del, update, unchanged, replaces, urnChanges } = s.summary;
  const policy = `${s.policy.introduced.length} violation(s) introduced, ${s.policy.fixed.length} fixed`;
  return `${create} to create, ${update} to update (${replaces} replaced, ${urnChanges} URN changes), ${del} to delete, ${unchanged} unchanged; ${policy}`;
}

function changeLine(c: InputChange): string {
  const secret = c.secret ? (c.secretChange === "unknown" ? " (secret; whether it changed is unknown: a plan has no fingerprint)" : " (secret, changed)") : "";
  const replace = c.replace === "replaces" ? "  REPLACES" : c.replace === "unknown" ? "  replace: unknown" : "";
  return `${c.path}: ${shown(c.old)} → ${shown(c.new)}${secret}${replace}`;
}

/** `--format table`: one block per stack, risky lines first by op order (delete, replace, update, create). */
export function renderDiffText(diff: PlanDiff): string {
  const out: string[] = [`plan diff: ${diff.old} → ${diff.new}${diff.matchBy === "name" ? " (resources matched by logical name)" : ""}`];
  for (const s of diff.stacks) {
    out.push("", `${s.stack}: ${summaryLine(s)}`);
    for (const r of ordered(s.resources)) {
      out.push(`  ${sign(r)} ${r.type} ${r.name}${r.replace === "replaces" ? "  (replaced)" : ""}`);
      if (r.urnChange) out.push(`      URN changed (${r.urnChange.reason}) from ${r.urnChange.oldUrn}`, `      keep it with ${r.urnChange.aliasSuggestion}`);
      for (const c of r.changes ?? []) out.push(`      ${changeLine(c)}`);
    }
    for (const v of s.policy.introduced) out.push(`  policy introduced: ${v.enforcement}${v.waived ? " (waived)" : ""} ${v.rule} ${urnName(v.urn)}: ${v.message}`);
    for (const v of s.policy.fixed) out.push(`  policy fixed: ${v.rule} ${urnName(v.urn)}`);
    for (const c of s.policy.controls) out.push(`  control ${c.framework} ${c.control}: ${c.old ?? "(absent)"} → ${c.new ?? "(absent)"}`);
    for (const c of s.configSecrets ?? []) out.push(`  config secret ${c.key}: ${c.change} ([secret])`);
  }
  return `${out.join("\n")}\n`;
}

/** `--format markdown` and `<out>/diff.md`. */
export function renderDiffMarkdown(diff: PlanDiff): string {
  const parts = [`# Plan diff\n\n${code(diff.old)} → ${code(diff.new)}${diff.matchBy === "name" ? " (matched by logical name)" : ""}`];
  for (const s of diff.stacks) {
    parts.push(`## ${s.stack}\n\n${summaryLine(s)}`);
    const rows = ordered(s.resources).flatMap((r) => {
      const head = [sign(r), code(r.name), code(r.type), r.replace ?? "", r.urnChange ? `URN ${r.urnChange.reason}; ${r.urnChange.aliasSuggestion}` : ""];
      return [head, ...(r.changes ?? []).map((c) => ["", "", code(c.path), c.replace, `${shown(c.old)} → ${shown(c.new)}`])];
    });
    if (rows.length > 0) parts.push(table(["Op", "Resource", "Type / input", "Replace", "Change"], rows));
    const policy = [
      ...s.policy.introduced.map((v) => ["introduced", v.enforcement, code(v.rule), code(urnName(v.urn)), v.message]),
      ...s.policy.fixed.map((v) => ["fixed", v.enforcement, code(v.rule), code(urnName(v.urn)), v.message]),
    ];
    if (policy.length > 0) parts.push(table(["Violation", "Enforcement", "Rule", "Resource", "Message"], policy));
    if (s.configSecrets) parts.push(table(["Config secret", "Change"], s.configSecrets.map((c) => [code(c.key), `${c.change} ([secret])`])));
    if (s.policy.controls.length > 0) parts.push(table(["Framework", "Control", "Before", "After"], s.policy.controls.map((c) => [c.framework, c.control, c.old ?? "(absent)", c.new ?? "(absent)"])));
  }
  return `${parts.join("\n\n")}\n`;
}

const rank: Record<string, number> = { delete: 0, update: 1, create: 2, unchanged: 3 };

function ordered(resources: readonly ResourceDiff[]): ResourceDiff[] {
  return [...resources].sort((a, b) => (rank[a.op] ?? 9) - (rank[b.op] ?? 9) + (a.replace === "replaces" ? -0.5 : 0) - (b.replace === "replaces" ? -0.5 : 0));
}

function sign(r: ResourceDiff): string {
  return r.op === "create" ? "+" : r.op === "delete" ? "-" : r.replace === "replaces" ? "±" : "~";
}
