import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Change } from "../../lib/github/preview/change-model.ts";
import { readChanges } from "../../lib/github/preview/read-changes.ts";
import { renderComment } from "../../lib/github/preview/render-comment.ts";
import { riskReasons } from "../../lib/github/preview/risk.ts";
import { readScanVerdicts } from "../../lib/github/preview/scan-verdicts.ts";
import type { ScanReport } from "../../lib/scan/finding.ts";
import { decide } from "../../lib/scan/gate.ts";
import { buildVerdict } from "../../lib/scan/verdict.ts";
import { sharedFixture } from "./support.ts";

const fixture = (name: string) => {
  const file = sharedFixture(`pulumi-preview/${name}`);
  return readChanges(file, readFileSync(file, "utf8"));
};

const offlinePlan = {
  stack: "dev-gcp",
  cloud: "gcp",
  environment: "dev",
  resources: [
    { urn: "urn:pulumi:dev-gcp::stratum::pulumi:pulumi:Stack::stratum-dev-gcp", type: "pulumi:pulumi:Stack", name: "stratum-dev-gcp", parent: null, inputs: {} },
    { urn: "urn:pulumi:dev-gcp::stratum::gcp:sql/databaseInstance:DatabaseInstance::db", type: "gcp:sql/databaseInstance:DatabaseInstance", name: "db", parent: null, inputs: { databaseVersion: "POSTGRES_16" } },
    { urn: "urn:pulumi:dev-gcp::stratum::gcp:compute/firewall:Firewall::web", type: "gcp:compute/firewall:Firewall", name: "web", parent: null, inputs: { direction: "INGRESS", sourceRanges: ["0.0.0.0/0"] } },
    { urn: "urn:pulumi:dev-gcp::stratum::gcp:serviceaccount/account:Account::ci", type: "gcp:serviceaccount/account:Account", name: "ci", parent: null, inputs: {} },
    { urn: "urn:pulumi:dev-gcp::stratum::gcp:compute/network:Network::vpc", type: "gcp:compute/network:Network", name: "vpc", parent: null, inputs: {} },
  ],
  outputs: {},
  violations: [{ rule: "no-public-ingress", urn: "urn:pulumi:dev-gcp::stratum::gcp:compute/firewall:Firewall::web", message: "firewall open to 0.0.0.0/0", enforcement: "mandatory", waived: false }],
};

function change(type: string, op: Change["op"], newInputs?: Record<string, unknown>, oldInputs?: Record<string, unknown>): Change {
  return { op, urn: `urn:pulumi:s::p::${type}::x`, type, name: "x", parent: null, changedKeys: [], replaceReasons: [], newInputs, oldInputs };
}

describe("reading plans and previews into one change model", () => {
  it("folds a real preview's steps into creates, updates, replaces and deletes", () => {
    const stack = fixture("drift-adopter__small_scale_10_replace.json");
    expect(stack.stack).toBe("test-a692d456");
    expect(stack.source).toBe("preview");
    const ops = stack.changes.map((c) => c.op).sort();
    expect(ops).toEqual(["create", "delete", "replace", "replace", "update"]);
    expect(stack.changes.find((c) => c.name === "tls-key-0")?.replaceReasons).toEqual(["algorithm", "ecdsaCurve"]);
    expect(stack.unchanged).toBe(7);
  });

  it("reads an offline plan as all creates, without the stack resource, keeping its violations", () => {
    const stack = readChanges("dev-gcp.json", JSON.stringify(offlinePlan));
    expect(stack.source).toBe("offline-plan");
    expect(stack.changes).toHaveLength(4);
    expect(stack.changes.every((c) => c.op === "create")).toBe(true);
    expect(stack.violations[0]).toMatchObject({ rule: "no-public-ingress", enforcement: "mandatory" });
  });

  it("folds create-replacement and delete-replaced into the one replace", () => {
    const urn = "urn:pulumi:s::p::aws:rds/instance:Instance::db";
    const steps = ["create-replacement", "replace", "delete-replaced"].map((op) => ({ op, urn, newState: { type: "aws:rds/instance:Instance", inputs: {} } }));
    const stack = readChanges("x.json", JSON.stringify({ steps }));
    expect(stack.changes).toHaveLength(1);
    expect(stack.changes[0]?.op).toBe("replace");
  });
});

describe("risk classification", () => {
  it("flags IAM, data stores and replaces in a real AWS preview, but not a replaced security group that opens nothing new", () => {
    const stack = fixture("drift-adopter__aws_tags_and_sets.json");
    const reasons = Object.fromEntries(stack.changes.map((c) => [c.name, riskReasons(c)]));
    expect(reasons["test-role"]).toEqual(["iam"]);
    expect(reasons["test-bucket"]).toEqual(["data-store"]);
    expect(reasons["test-sg"]).toEqual(["replace"]);
  });

  it("flags network widening on AWS, GCP and Azure inbound rules, not on egress", () => {
    const sgOld = { ingress: [{ cidrBlocks: ["10.0.0.0/8"], fromPort: 22, toPort: 22, protocol: "tcp" }] };
    const sgNew = { ingress: [...sgOld.ingress, { cidrBlocks: ["0.0.0.0/0"], fromPort: 22, toPort: 22, protocol: "tcp" }] };
    expect(riskReasons(change("aws:ec2/securityGroup:SecurityGroup", "update", sgNew, sgOld))).toEqual(["network-widening"]);
    expect(riskReasons(change("aws:ec2/securityGroup:SecurityGroup", "update", { egress: [{ cidrBlocks: ["0.0.0.0/0"] }] }, {}))).toEqual([]);
    expect(riskReasons(change("aws:ec2/securityGroupRule:SecurityGroupRule", "create", { type: "egress", cidrBlocks: ["0.0.0.0/0"] }))).toEqual([]);
    expect(riskReasons(change("gcp:compute/firewall:Firewall", "create", { sourceRanges: ["0.0.0.0/0"] }))).toEqual(["network-widening"]);
    expect(riskReasons(change("azure-native:network:SecurityRule", "create", { direction: "Inbound", sourceAddressPrefix: "*" }))).toEqual(["network-widening"]);
  });

  it("names IAM and data-store types on every cloud", () => {
    expect(riskReasons(change("gcp:projects/iAMMember:IAMMember", "create"))).toEqual(["iam"]);
    expect(riskReasons(change("azure-native:authorization:RoleAssignment", "create"))).toEqual(["iam"]);
    expect(riskReasons(change("azure-native:dbforpostgresql:FlexibleServer", "update"))).toEqual(["data-store"]);
    expect(riskReasons(change("gcp:bigquery/dataset:Dataset", "delete"))).toEqual(["delete", "data-store"]);
    expect(riskReasons(change("aws:ec2/instance:Instance", "update"))).toEqual([]);
  });
});

describe("rendering the comment", () => {
  const plan = readChanges("dev-gcp.json", JSON.stringify(offlinePlan));
  const preview = fixture("drift-adopter__small_scale_10_replace.json");
  // A verdict file exactly as `stratum scan --verdict` writes it, so the comment reads the format the scan produces.
  const finding = { id: "CVE-1", package: "openssl", installedVersion: "1", fixedVersion: "2", severity: "CRITICAL", title: "t", target: "img", status: null } as const;
  const low = { ...finding, id: "CVE-2", severity: "LOW" } as const;
  const report: ScanReport = { file: "trivy.json", format: "trivy-json", image: "api:1.2", digest: "sha256:abc", digestSource: "repoDigest", findings: [finding, low] };
  const written = buildVerdict(report, decide(report, { failOn: "high", ignoreUnfixed: false, waivers: [], today: "2026-01-01" }));
  const verdicts = readScanVerdicts("verdict.json", JSON.stringify({ "sha256:abc": written }));

  it("puts the summary and per-stack table first, risky changes (deletes first), violations, verdicts and a diagram", () => {
    const { body, collapsed } = renderComment({ stacks: [plan, preview], verdicts, marker: "<!-- m -->" });
    expect(collapsed).toBe("");
    expect(body.startsWith("<!-- m -->\n\n## stratum preview\n\n**2 stacks** · 5 to create · 1 to update · 2 to replace · 1 to delete")).toBe(true);
    expect(body).toContain("🚫 1 mandatory policy violation · 🚫 1 blocked image");
    expect(body).toContain("| dev-gcp | offline plan (all creates) | 4 | 0 | 0 | 0 | 3 |");
    const risky = body.slice(body.indexOf("### ⚠️ Risky changes first"), body.indexOf("### Policy violations"));
    expect(risky.indexOf("| delete |")).toBeLessThan(risky.indexOf("| replace |"));
    expect(risky).toContain("| dev-gcp | create | `web` | `gcp:compute/firewall:Firewall` | opens network access |");
    expect(body).toContain("| dev-gcp | mandatory | `no-public-ingress` | `web` | firewall open to 0.0.0.0/0 |");
    expect(body).toContain("| 🚫 blocked | `api:1.2` | `sha256:abc` | CRITICAL: 1, LOW: 1 | 1 |");
    expect(body).toMatch(/```mermaid\nflowchart LR\n[\s\S]*class n\d+(,n\d+)* risky\n```/);
  });

  it("collapses step by step as the limit tightens, always keeping the summary", () => {
    const full = renderComment({ stacks: [plan, preview], verdicts, marker: "<!-- m -->" }).body;
    const notes: string[] = [];
    for (let limit = full.length - 1; limit > 600; limit -= 150) {
      const { body, collapsed } = renderComment({ stacks: [plan, preview], verdicts, marker: "<!-- m -->", limit, detailsUrl: "https://ci.test/r" });
      expect(body.length).toBeLessThanOrEqual(limit);
      expect(body).toContain("**2 stacks** · 5 to create");
      if (!notes.includes(collapsed)) notes.push(collapsed);
    }
    expect(notes[0]).toBe("diagram grouped by resource type");
    expect(notes).toContain("diagram and per-resource details omitted");
  });
});
