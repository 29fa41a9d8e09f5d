import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { annotationLimit } from "../../lib/scan/annotations.ts";
import type { CommandIo } from "../../lib/cli/command.ts";
import { runCli } from "../../commands/main.ts";
import { neutralizeWorkflowCommands, WorkflowCommandGuard } from "../../lib/cli/workflow-commands.ts";
import { toPolicies } from "../../policy/pack.ts";
import type { Rule } from "../../policy/rule.ts";
import { mutate, secureAwsStack } from "../policy/fixtures.ts";

/**
 * Text stratum prints from input files (scan reports, policy messages echoing resource inputs) cannot start a
 * GitHub Actions workflow command. `workflowCommandsIn` reads output as the runner does (actions/runner
 * ActionCommand.TryParseV2 and TryParse): lines split at LF and CR; `::name...::` after leading white space, or
 * `##[name...]` anywhere in a line.
 */
export function workflowCommandsIn(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => {
    const trimmed = line.replace(/^[\s\u0085]+/u, "");
    return (trimmed.startsWith("::") && trimmed.indexOf("::", 2) >= 0) || /##\[[^\]]*\]/.test(line);
  });
}

/** Hostile texts as a report or resource could carry them, each one a workflow command if printed as is. */
export const hostileTexts = [
  "::error::forged",
  "  ::add-mask::secret",
  "\t::set-output name=image::evil",
  "\u00a0::stop-commands::token",
  "\u3000::warning::wide space",
  "\u0085::error::next line",
  "\u2028::error::line separator",
  "harmless\n::error::after a newline",
  "harmless\r::add-mask::after a carriage return",
  "harmless\r\n::debug::crlf",
  "##[add-mask]legacy",
  "text ##[set-output name=x;]legacy mid-line",
  "###[error]three hashes",
  ":::error::three colons",
  "::ERROR::upper case",
  "::save-state name=x::y",
  "::group::g",
  "::echo::on",
  "::notice file=a,line=1::n",
  "::stop-commands::tok\n::add-mask::after stop",
  "::  ::odd",
  "\ufeff::error::bom",
];

describe("the workflow-command guard", () => {
  it.each(hostileTexts.map((t) => [JSON.stringify(t), t]))("breaks %s, alone and after other text", (_, text) => {
    expect(workflowCommandsIn(text).length, "the sample is a command").toBeGreaterThan(0);
    expect(workflowCommandsIn(neutralizeWorkflowCommands(text))).toEqual([]);
    expect(workflowCommandsIn(neutralizeWorkflowCommands(`title: x\n${text}\n`))).toEqual([]);
  });

  it("holds across writes that split a command", () => {
    for (const chunks of [["  :", ":error::x"], ["#", "#[add-mask]x"], ["##", "[add-mask]x"], ["a\n", "::error::b"], ["x\r", "::error::y"], ["", "::", "error::z"]]) {
      let out = "";
      const guard = new WorkflowCommandGuard((t) => (out += t));
      for (const c of chunks) guard.text(c);
      expect(workflowCommandsIn(out), JSON.stringify(chunks)).toEqual([]);
    }
    // Every hostile text, after other output, split into two writes at every position.
    let splits = 0;
    for (const text of hostileTexts) {
      const whole = `report line\n${text}\n`;
      for (let i = 0; i <= whole.length; i++) {
        let out = "";
        const guard = new WorkflowCommandGuard((t) => (out += t));
        guard.text(whole.slice(0, i));
        guard.text(whole.slice(i));
        expect(workflowCommandsIn(out), `${JSON.stringify(text)} split at ${i}`).toEqual([]);
        splits++;
      }
    }
    // The short ones into three writes, at every pair of positions.
    for (const text of hostileTexts.filter((t) => t.length <= 20)) {
      const whole = `x\n${text}`;
      for (let i = 0; i <= whole.length; i++) {
        for (let j = i; j <= whole.length; j++) {
          let out = "";
          const guard = new WorkflowCommandGuard((t) => (out += t));
          for (const piece of [whole.slice(0, i), whole.slice(i, j), whole.slice(j)]) guard.text(piece);
          expect(workflowCommandsIn(out), `${JSON.stringify(text)} split at ${i}, ${j}`).toEqual([]);
          splits++;
        }
      }
    }
    expect(splits).toBeGreaterThan(2000);
  });

  it("leaves ordinary text alone and passes the commands stratum means to emit", () => {
    const plain = "a::b\nerror: x\nurn:pulumi:dev::stratum::aws:s3/bucket:Bucket::logs\n# heading\n[x] ## [y]\n";
    expect(neutralizeWorkflowCommands(plain)).toBe(plain);
    let out = "";
    const guard = new WorkflowCommandGuard((t) => (out += t));
    guard.text("report\n");
    guard.command("::error title=Scan gate%3A CVE-1::HIGH CVE-1\n");
    guard.text("::error::forged\n");
    expect(workflowCommandsIn(out)).toEqual(["::error title=Scan gate%3A CVE-1::HIGH CVE-1"]);
  });
});

async function cli(cwd: string, commands: Parameters<typeof runCli>[0], argv: string[], env: Record<string, string> = {}) {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env, cwd };
  const code = await runCli(commands, argv, io);
  return { code, stdout, stderr };
}

const hostile = (i: number) => hostileTexts[i % hostileTexts.length]!;

describe("what the CLI prints from input files", () => {
  const dir = mkdtempSync(join(tmpdir(), "stratum-commands-"));
  const scan = [{ name: "scan", summary: "", load: () => import("../../commands/scan.ts") }];

  it("scan report (Trivy JSON): titles, packages, versions and the artifact name print no command; the gate's ::error lines stay", async () => {
    const vulnerabilities = hostileTexts.map((t, i) => ({ VulnerabilityID: `CVE-2026-${1000 + i}${t}`, PkgName: `pkg${hostile(i + 1)}`, InstalledVersion: `1.0${hostile(i + 2)}`, FixedVersion: `1.1${hostile(i + 3)}`, Severity: "HIGH", Title: `title ${t}` }));
    const report = { SchemaVersion: 2, ArtifactName: `img${hostile(5)}`, Results: [{ Target: `t${hostile(7)}`, Vulnerabilities: vulnerabilities }] };
    writeFileSync(join(dir, "trivy.json"), JSON.stringify(report));
    const summary = join(dir, "summary.md");
    writeFileSync(summary, "");
    const { code, stdout, stderr } = await cli(dir, scan, ["scan", "report", "trivy.json", "--fail-on", "high", "--markdown", "scan.md"], { GITHUB_STEP_SUMMARY: summary });
    expect(code).toBe(1);
    const commands = workflowCommandsIn(stdout + stderr);
    // The gate's own annotations only: one per blocking finding up to the limit, then one that counts the rest.
    expect(commands).toHaveLength(annotationLimit + 1);
    for (const c of commands.slice(0, annotationLimit)) expect(c).toMatch(/^::error title=Scan gate%3A CVE-2026-\d+[^\r\n]*::HIGH /);
    expect(commands.at(-1)).toBe(`::error title=Scan gate::${hostileTexts.length - annotationLimit} more blocking findings; the scan report lists them all`);
    // The Markdown (step summary, pull-request comment) is never read for commands, and keeps each finding on its row.
    expect(workflowCommandsIn(readFileSync(summary, "utf8")).filter((l) => !l.startsWith("|"))).toEqual([]);
  });

  it("scan report (SARIF): rule descriptions and message fields print no command", async () => {
    const rules = hostileTexts.map((t, i) => ({ id: `CVE-2026-${2000 + i}`, shortDescription: { text: `desc ${t}` }, properties: { tags: ["HIGH"] } }));
    const results = hostileTexts.map((t, i) => ({ ruleId: `CVE-2026-${2000 + i}`, ruleIndex: i, message: { text: `Package: p${t}\nInstalled Version: 1\nFixed Version: 2\nSeverity: HIGH` } }));
    writeFileSync(join(dir, "trivy.sarif"), JSON.stringify({ version: "2.1.0", runs: [{ tool: { driver: { name: "Trivy", rules } }, results, properties: { imageName: `img${hostile(3)}` } }] }));
    const { code, stdout, stderr } = await cli(dir, scan, ["scan", "report", "trivy.sarif"]);
    expect(code).toBe(1);
    const commands = workflowCommandsIn(stdout + stderr);
    expect(commands.slice(0, annotationLimit).every((c) => c.startsWith("::error title=Scan gate%3A CVE-2026-"))).toBe(true);
    expect(commands.slice(annotationLimit)).toEqual([`::error title=Scan gate::${hostileTexts.length - annotationLimit} more blocking findings; the scan report lists them all`]);
  });

  it("policy check: a message echoing a resource's input prints no command, in text, Markdown and JSON", async () => {
    const policy = [{ name: "policy", summary: "", load: () => import("../../commands/policy.ts") }];
    const root = mkdtempSync(join(tmpdir(), "stratum-commands-policy-"));
    mkdirSync(join(root, "stacks"));
    writeFileSync(join(root, "stacks", "Pulumi.prod-aws.yaml"), "config:\n  stratum:name: shop\n  stratum:cloud: aws\n  stratum:region: eu-west-1\n  stratum:environment: prod\n  stratum:account: {aws: {accountId: \"111122223333\"}}\n  stratum:tags: {owner: platform, costCenter: cc-1}\n  stratum:compliance: {frameworks: [soc2, gdpr], dataClassification: confidential}\n  stratum:github: {repository: acme/shop}\n");
    // The region of the database: the residency rule's message quotes it.
    writeFileSync(join(root, "plan.json"), JSON.stringify({ resources: mutate(secureAwsStack(), "db", (inputs) => ({ ...inputs, region: `us-east-1${hostileTexts.join("")}` })) }));
    for (const format of ["text", "markdown", "json"]) {
      const { code, stdout, stderr } = await cli(root, policy, ["policy", "check", "plan.json", "--stack", "prod-aws", "--format", format]);
      expect(code, format).toBe(1);
      expect(stdout, format).toContain("data-residency");
      expect(workflowCommandsIn(stdout + stderr), format).toEqual([]);
    }
  });

  it("the CrossGuard pack hands Pulumi messages that start no command", () => {
    const rule: Rule = { id: "echo", description: "d", severity: "low", remediation: "r", controls: { soc2: [], hipaa: [], gdpr: [], iso27001: [] }, check: (r) => hostileTexts.map((t) => `input ${String(r.inputs["name"])}${t}`) };
    const [policy] = toPolicies([rule]);
    const reported: string[] = [];
    const args = { type: "aws:s3/bucket:Bucket", urn: "urn:pulumi:s::p::aws:s3/bucket:Bucket::b", name: "b", props: { name: "x\n::error::y" }, getConfig: () => ({}) };
    (policy as { validateResource: (a: unknown, report: (m: string) => void) => void }).validateResource(args, (m) => reported.push(m));
    expect(reported).toHaveLength(hostileTexts.length);
    for (const m of reported) expect(workflowCommandsIn(m), m).toEqual([]);
  });
});
