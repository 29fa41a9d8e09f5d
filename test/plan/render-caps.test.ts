import { describe, expect, it } from "vitest";
import type { FlowNode, PlanReport, PlanViolation, SystemFlows } from "../../lib/plan/model.ts";
import { flowsMermaid, flowsPicture, pictureCaps } from "../../lib/plan/render-flows.ts";
import { maxWarnings, renderMarkdown } from "../../lib/plan/render-markdown.ts";
import { summarize } from "../../lib/plan/summary.ts";
import { maxViolationRows, renderPolicyMarkdown } from "../../policy/render-markdown.ts";

/** A system of `count` services, each calling the next `calls` ones and reading one of `zones` lake zones. */
function system(count: number, calls: number, zones = 2): SystemFlows {
  const service = (i: number): FlowNode => ({ id: `service_s${i}`, kind: "service", label: `s${i}: service :8080`, within: "cluster" });
  const nodes: FlowNode[] = [{ id: "ci", kind: "ci", label: "CI" }, { id: "cluster", kind: "cluster", label: "cluster" }, ...Array.from({ length: count }, (_, i) => service(i))];
  for (let z = 0; z < zones; z++) nodes.push({ id: `zone_z${z}`, kind: "zone", label: `lake zone z${z}` });
  const flows = Array.from({ length: count }, (_, i) => [
    ...Array.from({ length: Math.min(calls, count - 1) }, (_, k) => ({ from: `service_s${i}`, to: `service_s${(i + k + 1) % count}`, label: `http :${8000 + k}` })),
    { from: `service_s${i}`, to: `zone_z${i % zones}`, label: "read" },
  ]).flat();
  return { nodes, flows };
}

describe("the flows picture", () => {
  it("draws a system that fits as it is, every node and flow", () => {
    const small = system(4, 1);
    expect(flowsPicture(small)).toEqual({ system: small });
  });

  it("draws a crowded kind as one node and merges the flows between two nodes, counting them", () => {
    const picture = flowsPicture(system(100, 3, 20));
    expect(picture.system.nodes.map((n) => n.id)).toEqual(["ci", "cluster", "service__all", "zone__all"]);
    expect(picture.system.nodes.find((n) => n.id === "service__all")).toEqual({ id: "service__all", kind: "service", label: "100 services", within: "cluster" });
    expect(picture.system.flows).toEqual([
      { from: "service__all", to: "service__all", label: "http :8000, http :8001, http :8002 (300 flows)" },
      { from: "service__all", to: "zone__all", label: "read (100 flows)" },
    ]);
    expect(picture.note).toBe(
      "The system has 122 nodes and 400 flows, more than one picture shows (at most 60 nodes and 120 flows): it draws the 100 services and the 20 lake zones each as one node, and the flows between two nodes as one edge that counts them. Every node and flow is in the plan JSON (`flows`).",
    );
  });

  it("stays within Mermaid's limits however large the system: at most the cap of edges and a bounded text", () => {
    for (const [count, calls] of [[500, 100], [61, 0], [30, 30]] as const) {
      const lines = flowsMermaid(flowsPicture(system(count, calls)).system);
      expect(lines.filter((l) => l.includes("-->")).length).toBeLessThanOrEqual(pictureCaps.flows);
      expect(lines.join("\n").length).toBeLessThan(50_000);
    }
  });
});

const report = (warnings: string[]): PlanReport => ({ stack: "big", cloud: "aws", environment: "dev", region: "us-east-1", offline: true, resources: [], outputs: {}, warnings });

describe("the Markdown report's lists", () => {
  it("lists at most the cap of warnings, then how many more there are and where they all are", () => {
    const warnings = Array.from({ length: 230 }, (_, i) => `w${i}: no image digest in stack config`);
    const markdown = renderMarkdown(report(warnings), summarize(report(warnings)));
    expect(markdown.match(/^- w\d+: /gm)).toHaveLength(maxWarnings);
    expect(markdown).toContain(`- w${maxWarnings - 1}: no image digest`);
    expect(markdown).not.toContain(`- w${maxWarnings}: `);
    expect(markdown).toContain(`- …and ${230 - maxWarnings} more, not listed here: the plan JSON (\`warnings\`) lists every one.`);
  });

  it("lists every warning when there are no more than the cap", () => {
    const warnings = Array.from({ length: maxWarnings }, (_, i) => `w${i}: no image digest in stack config`);
    const markdown = renderMarkdown(report(warnings), summarize(report(warnings)));
    expect(markdown.match(/^- w\d+: /gm)).toHaveLength(maxWarnings);
    expect(markdown).not.toContain("…and");
  });

  it("lists at most the cap of violations, blocking ones first, and counts the rest by rule", () => {
    const violation = (rule: string, i: number, enforcement: PlanViolation["enforcement"]): PlanViolation => ({ rule, urn: `urn:pulumi:big::stratum::r${i}`, message: `resource ${i}`, enforcement, waived: false });
    const violations = [
      ...Array.from({ length: 150 }, (_, i) => violation("required-tags", i, "advisory")),
      ...Array.from({ length: 30 }, (_, i) => violation("no-wildcard-iam", 1000 + i, "mandatory")),
    ];
    const markdown = renderPolicyMarkdown(violations, {});
    const rows = markdown.split("\n").filter((l) => l.startsWith("| no-wildcard-iam") || l.startsWith("| required-tags"));
    expect(rows).toHaveLength(maxViolationRows);
    expect(rows.slice(0, 30).every((r) => r.startsWith("| no-wildcard-iam | mandatory"))).toBe(true);
    expect(markdown).toContain("180 violations, 30 blocking (mandatory and not waived).");
    expect(markdown).toContain("…and 80 more (required-tags ×80), not listed here: the JSON output lists every violation.");
  });
});
