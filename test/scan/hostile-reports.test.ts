import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { markdownRowLimit } from "../../lib/scan/render-markdown.ts";
import { annotationLimit } from "../../lib/scan/annotations.ts";
import { sharedFixture } from "../support/shared-dir.ts";
import { runScan, tempDir } from "./run-scan.ts";

/**
 * Reports a careless or hostile producer could hand the gate: huge ones, ones that say nothing, and SARIF whose
 * severities or rule references cannot be trusted. None may crash, and none that proves nothing may pass.
 */

const findingCount = 200_000;
const severities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"];
const digest = `sha256:${"ab".repeat(32)}`;

function hugeTrivyReport(): string {
  const vulnerabilities = Array.from({ length: findingCount }, (_, i) => ({
    VulnerabilityID: `CVE-2026-${i}`,
    PkgName: `pkg${i % 1000}`,
    InstalledVersion: "1.0",
    FixedVersion: "1.1",
    Severity: severities[i % severities.length],
    // One title of a megabyte: a cell of the Markdown must not carry it whole.
    Title: i === 0 ? "t".repeat(1_000_000) : `finding ${i}`,
  }));
  return JSON.stringify({ SchemaVersion: 2, ArtifactName: "ghcr.io/acme/api", Metadata: { RepoDigests: [`ghcr.io/acme/api@${digest}`] }, Results: [{ Target: "os", Vulnerabilities: vulnerabilities }] });
}

async function sarifFixture(): Promise<{ runs: { tool: { driver: { rules: Record<string, unknown>[] } }; results: Record<string, unknown>[] }[] }> {
  return JSON.parse(await readFile(sharedFixture("trivy", "alpine-310.sarif.golden"), "utf8"));
}

async function hugeSarif(): Promise<string> {
  const sarif = await sarifFixture();
  const run = sarif.runs[0]!;
  const template = run.results[0]!;
  run.results = Array.from({ length: findingCount }, () => template);
  return JSON.stringify(sarif);
}

describe("a report with very many findings", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
    await writeFile(path.join(dir, "huge.json"), hugeTrivyReport());
    await writeFile(path.join(dir, "huge.sarif"), await hugeSarif());
  });

  it.each(["huge.json", "huge.sarif"])(`%s (${findingCount} findings) is gated, with bounded Markdown and annotations`, async (name) => {
    const markdown = path.join(dir, `${name}.md`);
    const verdict = path.join(dir, `${name}.verdict.json`);
    const result = await runScan(["report", path.join(dir, name), "--fail-on", "low", "--markdown", markdown, "--verdict", verdict]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^  ${findingCount} findings: `, "m"));
    const annotations = result.stdout.split("\n").filter((l) => l.startsWith("::error "));
    expect(annotations).toHaveLength(annotationLimit + 1);
    expect(annotations.at(-1)).toMatch(/more blocking findings; the scan report lists them all$/);
    expect((await stat(markdown)).size).toBeLessThan(64 * 1024);
    const text = await readFile(markdown, "utf8");
    expect(text.split("\n").filter((l) => l.startsWith("| ") && !l.startsWith("| Severity") && !l.startsWith("| ---"))).toHaveLength(markdownRowLimit);
    expect(text).toMatch(/…and \d+ more \(every finding is in the verdict file/);
    const verdicts = Object.values(JSON.parse(await readFile(verdict, "utf8"))) as { counts: { total: number } }[];
    expect(verdicts[0]?.counts.total).toBe(findingCount);
  }, 60_000);
});

describe("a report that says nothing does not pass", () => {
  const base = { SchemaVersion: 2, ArtifactName: "ghcr.io/acme/static", ArtifactType: "container_image", Metadata: { ImageID: digest } };
  const cases: ReadonlyArray<[string, number, unknown, RegExp?]> = [
    ["no Results at all", 2, { ...base }, /no "Results" in the Trivy report, so it does not say what the scan found/],
    ["Results: null", 2, { ...base, Results: null }, /no "Results" in the Trivy report/],
    ["Results: [] without ArtifactName", 2, { ...base, ArtifactName: undefined, Results: [] }, /empty "Results" for a report that does not name its artifact/],
    ["Results: [] with a blank ArtifactName", 2, { ...base, ArtifactName: " ", Results: [] }, /does not name its artifact/],
    ["Results: [] without a digest", 2, { ...base, Metadata: {}, Results: [] }, /does not name its artifact/],
    ["Results: [] with a malformed digest", 2, { ...base, Metadata: { ImageID: "sha256:nothex" }, Results: [] }, /does not name its artifact/],
    ["Results: [] naming the image and its digest", 0, { ...base, Results: [] }],
    ["Results with targets and no vulnerabilities", 0, { ...base, Results: [{ Target: "app/package-lock.json" }] }],
  ];

  it.each(cases)("%s → exit %s", async (name, code, report, problem) => {
    const dir = await tempDir();
    const file = path.join(dir, "report.json");
    const verdict = path.join(dir, "verdict.json");
    await writeFile(file, JSON.stringify(report));
    const result = await runScan(["report", file, "--fail-on", "low", "--verdict", verdict]);
    expect(result.code).toBe(code);
    if (problem) {
      expect(result.stderr).toContain(file);
      expect(result.stderr).toMatch(problem);
      expect(result.stdout).not.toMatch(/PASS/);
      await expect(readFile(verdict)).rejects.toThrow(/ENOENT/);
    } else {
      expect(result.stdout).toMatch(/PASS/);
    }
  });
});

describe("SARIF whose severity or rule cannot be trusted fails closed", () => {
  type Edit = (run: Awaited<ReturnType<typeof sarifFixture>>["runs"][number], text: (raw: string) => string) => void;
  const noStatedSeverity: Edit = (run) => {
    for (const result of run.results) (result.message as { text: string }).text = (result.message as { text: string }).text.replace(/^Severity: .*$/m, "");
    for (const rule of run.tool.driver.rules) (rule.properties as Record<string, unknown>).tags = ["vulnerability"];
  };
  const score = (value: unknown): Edit => (run) => {
    noStatedSeverity(run, (t) => t);
    (run.tool.driver.rules[1]!.properties as Record<string, unknown>)["security-severity"] = value;
  };
  const cases: ReadonlyArray<[string, Edit, RegExp, ((raw: string) => string)?]> = [
    ["security-severity \"unknown\"", score("unknown"), /rules\[1\] \(CVE-2019-1551\): security-severity "unknown" is not a CVSS score; expected a number from 0\.0 to 10\.0/],
    ["security-severity \"Infinity\"", score("Infinity"), /security-severity "Infinity" is not a CVSS score/],
    ["security-severity 1e999 (Infinity once parsed)", score(12345), /is not a CVSS score/, (raw) => raw.replace("12345", "1e999")],
    ["security-severity \"NaN\"", score("NaN"), /is not a CVSS score/],
    ["security-severity \"\"", score(""), /is not a CVSS score/],
    ["security-severity \"9.8abc\"", score("9.8abc"), /is not a CVSS score/],
    ["security-severity -1", score(-1), /is not a CVSS score/],
    ["security-severity 11", score("11"), /is not a CVSS score/],
    ["security-severity on a rule even when the message states a severity", (run) => void ((run.tool.driver.rules[0]!.properties as Record<string, unknown>)["security-severity"] = "high"), /is not a CVSS score/],
    ["a ruleIndex naming another rule than ruleId", (run) => void (run.results[0]!.ruleIndex = 1), /results\[0\]: ruleIndex 1 names rule "CVE-2019-1551" but ruleId is "CVE-2019-1549"; the two must agree/],
    ["a ruleIndex past the rules", (run) => void (run.results[2]!.ruleIndex = 7), /results\[2\] \(CVE-2019-1549\): ruleIndex 7 is past the 2 rules/],
    ["a result with no severity anywhere", (run) => {
      noStatedSeverity(run, (t) => t);
      for (const rule of run.tool.driver.rules) delete (rule.properties as Record<string, unknown>)["security-severity"];
    }, /results\[0\] \(CVE-2019-1549\): no severity/],
  ];

  it.each(cases)("%s → exit 2 naming the file", async (_, edit, problem, text) => {
    const sarif = await sarifFixture();
    edit(sarif.runs[0]!, (t) => t);
    const dir = await tempDir();
    const file = path.join(dir, "report.sarif");
    const verdict = path.join(dir, "verdict.json");
    const raw = JSON.stringify(sarif);
    await writeFile(file, text ? text(raw) : raw);
    for (const failOn of ["critical", "low"]) {
      const result = await runScan(["report", file, "--fail-on", failOn, "--verdict", verdict]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(file);
      expect(result.stderr).toMatch(problem);
      expect(result.stderr).not.toMatch(/\n\s+at /);
      await expect(readFile(verdict)).rejects.toThrow(/ENOENT/);
    }
  });

  it("a valid score still rates the finding when the message states none", async () => {
    const sarif = await sarifFixture();
    score("9.1")(sarif.runs[0]!, (t) => t);
    const dir = await tempDir();
    const file = path.join(dir, "report.sarif");
    await writeFile(file, JSON.stringify(sarif));
    const result = await runScan(["report", file, "--fail-on", "critical"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/CRITICAL CVE-2019-1551/);
  });
});
