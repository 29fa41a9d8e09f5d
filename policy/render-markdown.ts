import { cell } from "../lib/markdown/markdown.ts";
import type { ComplianceReport, PlanViolation } from "../lib/plan/model.ts";
import { compareText } from "../lib/text/text-order.ts";

const frameworkTitles: Readonly<Record<string, string>> = { soc2: "SOC 2", hipaa: "HIPAA Security Rule", gdpr: "GDPR", iso27001: "ISO/IEC 27001:2022 Annex A" };

/**
 * The most violations the table lists: a rule broken by every workload of a large platform would otherwise make
 * the report (and the pull-request comment made from it) grow with every resource. Blocking ones come first, so
 * the ones cut are the least urgent; the JSON (`stratum plan --format json`, `policy check --format json`) has all.
 */
export const maxViolationRows = 100;

/** The policy section of a plan report: violations first (blocking ones on top), then the compliance evidence. */
export function renderPolicyMarkdown(violations: readonly PlanViolation[], compliance: ComplianceReport): string {
  const lines: string[] = ["## Policy", ""];
  const blocking = violations.filter((v) => v.enforcement === "mandatory" && !v.waived).length;
  if (violations.length === 0) lines.push("No violations.", "");
  else {
    lines.push(`${violations.length} violation${violations.length === 1 ? "" : "s"}, ${blocking} blocking (mandatory and not waived).`, "");
    lines.push("| rule | enforcement | waived | resource | message |", "|---|---|---|---|---|");
    const order = (v: PlanViolation) => (v.enforcement === "mandatory" && !v.waived ? 0 : v.waived ? 2 : 1);
    const sorted = [...violations].sort((a, b) => order(a) - order(b) || compareText(a.rule, b.rule));
    for (const v of sorted.slice(0, maxViolationRows)) {
      lines.push(`| ${cell(v.rule)} | ${v.enforcement} | ${v.waived ? "yes" : "no"} | \`${cell(v.urn)}\` | ${cell(v.message)} |`);
    }
    const rest = sorted.slice(maxViolationRows);
    if (rest.length > 0) {
      const byRule = new Map<string, number>();
      for (const v of rest) byRule.set(v.rule, (byRule.get(v.rule) ?? 0) + 1);
      lines.push("", `…and ${rest.length} more (${[...byRule].map(([rule, n]) => `${cell(rule)} ×${n}`).join(", ")}), not listed here: the JSON output lists every violation.`);
    }
    lines.push("");
  }
  for (const [framework, controls] of Object.entries(compliance)) {
    lines.push(`### ${frameworkTitles[framework] ?? framework}`, "", "| control | status | rules |", "|---|---|---|");
    for (const c of controls) lines.push(`| ${cell(c.control)} | ${c.status} | ${c.rules.join(", ")} |`);
    lines.push("");
  }
  return lines.join("\n");
}
