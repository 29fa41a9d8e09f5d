import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { parseReport } from "../../lib/scan/load-report.ts";
import { blocksAt, severityFromScore } from "../../lib/scan/severity.ts";
import { sharedFixture } from "../support/shared-dir.ts";

describe("severities", () => {
  it("a threshold blocks its own severity and above", () => {
    expect(blocksAt("CRITICAL", "critical")).toBe(true);
    expect(blocksAt("HIGH", "critical")).toBe(false);
    expect(blocksAt("HIGH", "high")).toBe(true);
    expect(blocksAt("LOW", "medium")).toBe(false);
    expect(blocksAt("LOW", "low")).toBe(true);
  });

  it("UNKNOWN blocks at medium and low only", () => {
    expect(["critical", "high", "medium", "low"].map((t) => blocksAt("UNKNOWN", t as "low"))).toEqual([false, false, true, true]);
  });

  it("SARIF security-severity bands: >= 9 critical, >= 7 high, >= 4 medium, > 0 low", () => {
    expect(["9.8", "9.0", "8.9", "7.0", "5.3", "4.0", "3.9", "0.1", "0", "n/a", undefined].map(severityFromScore)).toEqual([
      "CRITICAL", "CRITICAL", "HIGH", "HIGH", "MEDIUM", "MEDIUM", "LOW", "LOW", "UNKNOWN", "UNKNOWN", "UNKNOWN",
    ]);
  });

  it("SARIF without Trivy's severity words falls back to security-severity", async () => {
    const sarif = JSON.parse(await readFile(sharedFixture("trivy", "alpine-310.sarif.golden"), "utf8"));
    const run = sarif.runs[0];
    for (const result of run.results) result.message.text = result.message.text.replace(/^Severity: .*$/m, "");
    for (const rule of run.tool.driver.rules) {
      rule.properties.tags = ["vulnerability", "security"];
      rule.properties["security-severity"] = rule.id === "CVE-2019-1551" ? "9.1" : "5.3";
    }
    const report = parseReport(Buffer.from(JSON.stringify(sarif)), "edited.sarif");
    expect(report.findings.map((f) => `${f.id} ${f.package} ${f.severity}`)).toEqual([
      "CVE-2019-1549 libcrypto1.1 MEDIUM",
      "CVE-2019-1551 libcrypto1.1 CRITICAL",
      "CVE-2019-1549 libssl1.1 MEDIUM",
      "CVE-2019-1551 libssl1.1 CRITICAL",
    ]);
  });

  it("SARIF findings carry the package and versions parsed from Trivy's message, and the image from run properties", async () => {
    const report = parseReport(await readFile(sharedFixture("trivy", "alpine-310.sarif.golden")), "alpine.sarif");
    expect(report).toMatchObject({ format: "sarif", image: "testdata/fixtures/images/alpine-310.tar.gz", digestSource: "imageId" });
    expect(report.findings[0]).toEqual({
      id: "CVE-2019-1549",
      package: "libcrypto1.1",
      installedVersion: "1.1.1c-r0",
      fixedVersion: "1.1.1d-r0",
      severity: "MEDIUM",
      title: "openssl: information disclosure in fork()",
      target: "testdata/fixtures/images/alpine-310.tar.gz",
      status: null,
    });
  });
});
