import { cell } from "../markdown/markdown.ts";
import { summaryLine } from "./render-text.ts";
import type { Finding, ScanReport } from "./finding.ts";
import type { Decision } from "./gate.ts";

/**
 * Rows per table at most. A report with many findings must not break what reads the Markdown: GitHub refuses a
 * step summary over 1 MiB and a comment over 65,536 characters. Every finding is still in the verdict file.
 */
export const markdownRowLimit = 100;
/** Characters per cell at most: a title is a line, and one from a hostile report must not fill the comment. */
const cellLimit = 200;

/** `cell`, cut to `cellLimit` characters. */
function short(text: string): string {
  return cell(text.length > cellLimit ? `${text.slice(0, cellLimit - 1)}…` : text);
}

/** Markdown for the pull-request comment and `$GITHUB_STEP_SUMMARY`. */
export function renderMarkdown(report: ScanReport, decision: Decision): string {
  const image = report.image ?? report.file;
  const lines = [
    `### ${decision.verdict === "pass" ? "✅ Scan gate passed" : "❌ Scan gate blocked"}: \`${short(image)}\``,
    "",
    report.digest ? `Digest: \`${report.digest}\`` : "Digest: none named in the report (this image cannot be deployed by digest)",
    "",
    `${summaryLine(decision.counts)}. Threshold: **${decision.failOn}**${decision.ignoreUnfixed ? ", unfixed findings ignored" : ""}.`,
    "",
  ];
  if (decision.blocking.length > 0) {
    lines.push(`#### Blocking (${decision.blocking.length})`, "");
    // Appended one by one: spreading 100,000 rows into push() overflows the call stack.
    for (const line of table(decision.blocking)) lines.push(line);
    lines.push("");
  }
  if (decision.expiredWaivers.length > 0) {
    lines.push("#### Expired waivers (these findings block again)", "", "| ID | Package | Expired | Approver |", "| --- | --- | --- | --- |");
    for (const { finding, waiver } of decision.expiredWaivers.slice(0, markdownRowLimit)) lines.push(`| ${short(finding.id)} | ${short(finding.package)} | ${waiver.expires} | ${short(waiver.approver)} |`);
    lines.push(...more(decision.expiredWaivers.length), "");
  }
  if (decision.waived.length > 0) {
    lines.push(`#### Waived (${decision.waived.length})`, "", "| ID | Package | Severity | Until | Approver | Reason |", "| --- | --- | --- | --- | --- | --- |");
    for (const { finding, waiver } of decision.waived.slice(0, markdownRowLimit)) {
      lines.push(`| ${short(finding.id)} | ${short(finding.package)} | ${finding.severity} | ${waiver.expires} | ${short(waiver.approver)} | ${short(waiver.reason)} |`);
    }
    lines.push(...more(decision.waived.length), "");
  }
  if (decision.ignoredUnfixed.length > 0) {
    lines.push(`${decision.ignoredUnfixed.length} finding(s) at or above the threshold have no fixed version and were ignored (\`--ignore-unfixed\`).`, "");
  }
  return `${lines.join("\n")}\n`;
}

function table(findings: readonly Finding[]): string[] {
  return [
    "| Severity | ID | Package | Installed | Fixed | Title |",
    "| --- | --- | --- | --- | --- | --- |",
    ...findings
      .slice(0, markdownRowLimit)
      .map((f) => `| ${f.severity} | ${short(f.id)} | ${short(f.package)} | ${short(f.installedVersion)} | ${short(f.fixedVersion ?? "no fix")} | ${short(f.title)} |`),
    ...more(findings.length),
  ];
}

/** The line under a cut table: how many rows it left out and where they all are. */
function more(total: number): string[] {
  return total > markdownRowLimit ? ["", `…and ${total - markdownRowLimit} more (every finding is in the verdict file and the text report).`] : [];
}
