import type { PlanReport, SystemFlows } from "./model.ts";
import type { PlanSummary } from "./summary.ts";
import { tiers } from "./tiers.ts";
import { flowsMermaid, flowsPicture } from "./render-flows.ts";

const tierTitles = { governance: "Governance", infra: "Infra", data: "Data", ml: "ML", web: "Web" } as const;

/**
 * The most warnings the report lists (one per workload without an image digest is common): the report stays a size
 * a pull-request comment can hold however many workloads there are. The plan JSON keeps them all.
 */
export const maxWarnings = 50;

/**
 * The Markdown report: the same summary as the terminal, a Mermaid diagram of the system's flows (from the
 * spec's wiring, the model the workloads' environment and NetworkPolicies are made from), one of the tiers and
 * their main resources, and (when policies ran) the sections the policy evaluation adds.
 */
export function renderMarkdown(report: PlanReport, summary: PlanSummary, extraSections: readonly string[] = []): string {
  const lines = [
    `# Offline plan: ${summary.stack}`,
    "",
    `${summary.total} resources on **${summary.cloud}** (${summary.environment}, ${summary.region}).`,
    "",
    "> An offline plan runs the Pulumi program under the SDK's mock runtime: it shows every resource the program",
    "> asks for and the inputs it sets. It is not a `pulumi preview`: it knows no current state (everything is a",
    "> create), and values the cloud assigns (ids, ARNs, endpoints) are placeholders.",
    "",
    "## Resources per tier",
    "",
    "| tier | resources |",
    "| --- | ---: |",
    ...tiers.map((t) => `| ${tierTitles[t]} | ${summary.byTier[t]} |`),
    "",
    ...(report.flows ? flowsSection(report.flows) : []),
    "## Tiers",
    "",
    "```mermaid",
    ...mermaid(summary),
    "```",
    "",
    "## Resources per type",
    "",
    "| type | count |",
    "| --- | ---: |",
    ...summary.byType.map((t) => `| \`${t.type}\` | ${t.count} |`),
    "",
  ];
  if (report.warnings.length > 0) {
    lines.push("## Warnings", "", ...report.warnings.slice(0, maxWarnings).map((w) => `- ${w}`));
    const more = report.warnings.length - maxWarnings;
    if (more > 0) lines.push(`- …and ${more} more, not listed here: the plan JSON (\`warnings\`) lists every one.`);
    lines.push("");
  }
  for (const section of extraSections) lines.push(section.trimEnd(), "");
  return `${lines.join("\n").trimEnd()}\n`;
}

/** The flows picture, bounded whatever the platform's size (render-flows.ts), and what it leaves out. */
function flowsSection(flows: SystemFlows): string[] {
  const picture = flowsPicture(flows);
  return ["## Flows", "", "```mermaid", ...flowsMermaid(picture.system), "```", "", ...(picture.note ? [picture.note, ""] : [])];
}

/** One subgraph per tier, one node per capability, edges in composition order. */
export function mermaid(summary: PlanSummary): string[] {
  const lines = ["flowchart LR"];
  for (const tier of tiers) {
    lines.push(`  subgraph ${tier}["${tierTitles[tier]}"]`);
    const capabilities = summary.capabilities[tier];
    if (capabilities.length === 0) lines.push(`    ${tier}_empty["(nothing declared)"]`);
    for (const capability of capabilities) {
      lines.push(`    ${tier}_${capability.kind}["${capability.kind}<br/>${capability.resources} resources<br/>${capability.mainTypes.join(", ")}"]`);
    }
    lines.push("  end");
  }
  for (let i = 1; i < tiers.length; i++) lines.push(`  ${tiers[i - 1]} --> ${tiers[i]}`);
  return lines;
}
