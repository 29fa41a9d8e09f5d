import { findingSeverities } from "./severity.ts";
import { versionChange, type ScanReport } from "./finding.ts";
import type { Counts } from "./counts.ts";
import type { Decision } from "./gate.ts";

/** "4 findings: 0 critical, 0 high, 4 medium, 0 low, 0 unknown; 4 fixable". */
export function summaryLine(counts: Counts): string {
  const parts = findingSeverities.map((s) => `${counts.bySeverity[s]} ${s.toLowerCase()}`);
  return `${counts.total} finding${counts.total === 1 ? "" : "s"}: ${parts.join(", ")}; ${counts.fixable} fixable`;
}

/** The plain-text report for a terminal or a CI log. */
export function renderText(report: ScanReport, decision: Decision): string {
  const lines = [
    `scan: ${report.image ?? report.file}${report.digest ? ` (${report.digest})` : ""}`,
    `  ${summaryLine(decision.counts)}`,
    `  gate: --fail-on ${decision.failOn}${decision.ignoreUnfixed ? " --ignore-unfixed" : ""}`,
  ];
  if (decision.blocking.length > 0) {
    lines.push(`  blocking (${decision.blocking.length}):`);
    for (const f of decision.blocking) lines.push(`    ${f.severity} ${f.id} ${f.package} ${versionChange(f)}${f.title ? `: ${f.title}` : ""}`);
  }
  for (const { finding: f, waiver } of decision.expiredWaivers) {
    lines.push(`  expired waiver: ${f.id} ${f.package}: expired ${waiver.expires} (approved by ${waiver.approver}); it blocks again`);
  }
  for (const { finding: f, waiver } of decision.waived) {
    lines.push(`  waived: ${f.severity} ${f.id} ${f.package} until ${waiver.expires} by ${waiver.approver}: ${waiver.reason}`);
  }
  if (decision.ignoredUnfixed.length > 0) {
    lines.push(`  ignored (no fixed version, --ignore-unfixed): ${decision.ignoredUnfixed.map((f) => `${f.id} ${f.package}`).join(", ")}`);
  }
  lines.push(decision.verdict === "pass" ? "PASS: nothing blocks the deploy" : `BLOCKED: ${decision.blocking.length} finding${decision.blocking.length === 1 ? "" : "s"} at or above ${decision.failOn}`);
  return `${lines.join("\n")}\n`;
}
