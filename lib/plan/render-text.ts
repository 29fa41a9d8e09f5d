import type { PlanViolation } from "./model.ts";
import type { PlanSummary } from "./summary.ts";
import { tiers } from "./tiers.ts";

/** The terminal summary: resources per tier, then per type, then what the policies found. */
export function renderText(summary: PlanSummary, warnings: readonly string[], violations: readonly PlanViolation[]): string {
  const lines = [`${summary.stack}: ${summary.total} resources on ${summary.cloud} (${summary.environment}, ${summary.region})`, ""];
  lines.push(...table(["tier", "resources"], tiers.map((t) => [t, String(summary.byTier[t])])), "");
  lines.push(...table(["type", "count"], summary.byType.map((t) => [t.type, String(t.count)])));
  const blocking = violations.filter((v) => v.enforcement === "mandatory" && !v.waived).length;
  const waived = violations.filter((v) => v.waived).length;
  lines.push("", `policy: ${violations.length} violations (${blocking} blocking, ${violations.length - blocking - waived} advisory, ${waived} waived)`);
  for (const warning of warnings) lines.push(`warning: ${warning}`);
  return `${lines.join("\n")}\n`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => `  ${cells.map((c, i) => (i === cells.length - 1 ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join("  ")}`;
  return [line(header), ...rows.map(line)];
}
