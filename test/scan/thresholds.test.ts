import { describe, expect, it } from "vitest";
import { sharedFixture } from "../support/shared-dir.ts";
import { runScan } from "./run-scan.ts";

const trivy = (name: string) => sharedFixture("trivy", name);

/**
 * Blocking counts per threshold, worked out from the fixtures (see fixtures/README.md):
 * alpine-310: 4 MEDIUM, all fixed. centos-7: MEDIUM fixed, LOW fixed, LOW will_not_fix without a fix.
 * debian-buster: CRITICAL CVE-2019-18224 fixed, LOW CVE-2019-18276 affected without a fix.
 */
const cases = [
  { report: "alpine-310.json.golden", blocking: { critical: 0, high: 0, medium: 4, low: 4 }, unfixedIgnored: { critical: 0, high: 0, medium: 4, low: 4 } },
  { report: "alpine-310.sarif.golden", blocking: { critical: 0, high: 0, medium: 4, low: 4 }, unfixedIgnored: { critical: 0, high: 0, medium: 4, low: 4 } },
  { report: "centos-7.json.golden", blocking: { critical: 0, high: 0, medium: 1, low: 3 }, unfixedIgnored: { critical: 0, high: 0, medium: 1, low: 2 } },
  { report: "debian-buster.json.golden", blocking: { critical: 1, high: 1, medium: 1, low: 2 }, unfixedIgnored: { critical: 1, high: 1, medium: 1, low: 1 } },
] as const;

function blockingLines(stdout: string): string[] {
  return stdout.split("\n").filter((line) => line.startsWith("::error "));
}

describe("scan report: the verdict each threshold gives", () => {
  for (const { report, blocking, unfixedIgnored } of cases) {
    for (const failOn of ["critical", "high", "medium", "low"] as const) {
      it(`${report} --fail-on ${failOn}: ${blocking[failOn]} blocking`, async () => {
        const result = await runScan(["report", trivy(report), "--fail-on", failOn]);
        expect(result.stderr).toBe("");
        expect(result.code).toBe(blocking[failOn] > 0 ? 1 : 0);
        expect(blockingLines(result.stdout)).toHaveLength(blocking[failOn]);
      });

      it(`${report} --fail-on ${failOn} --ignore-unfixed: ${unfixedIgnored[failOn]} blocking`, async () => {
        const result = await runScan(["report", trivy(report), "--fail-on", failOn, "--ignore-unfixed"]);
        expect(result.code).toBe(unfixedIgnored[failOn] > 0 ? 1 : 0);
        expect(blockingLines(result.stdout)).toHaveLength(unfixedIgnored[failOn]);
      });
    }
  }

  it("debian-buster --fail-on critical blocks naming CVE-2019-18224 and its fix", async () => {
    const result = await runScan(["report", trivy("debian-buster.json.golden"), "--fail-on", "critical"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("CRITICAL CVE-2019-18224 libidn2-0 2.0.5-1 → 2.0.5-1+deb10u1");
    expect(result.stdout).not.toMatch(/::error.*CVE-2019-18276/);
  });

  it("debian-buster --fail-on low --ignore-unfixed names the skipped unfixed bash finding", async () => {
    const result = await runScan(["report", trivy("debian-buster.json.golden"), "--fail-on", "low", "--ignore-unfixed"]);
    expect(result.stdout).toContain("ignored (no fixed version, --ignore-unfixed): CVE-2019-18276 bash");
  });

  it("summarises counts by severity and how many are fixable", async () => {
    const counts = {
      "alpine-310.json.golden": "4 findings: 0 critical, 0 high, 4 medium, 0 low, 0 unknown; 4 fixable",
      "alpine-310.sarif.golden": "4 findings: 0 critical, 0 high, 4 medium, 0 low, 0 unknown; 4 fixable",
      "centos-7.json.golden": "3 findings: 0 critical, 0 high, 1 medium, 2 low, 0 unknown; 2 fixable",
      "debian-buster.json.golden": "2 findings: 1 critical, 0 high, 0 medium, 1 low, 0 unknown; 1 fixable",
    };
    for (const [report, line] of Object.entries(counts)) {
      expect((await runScan(["report", trivy(report), "--fail-on", "critical"])).stdout).toContain(line);
    }
  });

  it("without --fail-on or --stack the threshold is high (prod's)", async () => {
    const debian = await runScan(["report", trivy("debian-buster.json.golden")]);
    expect(debian.stdout).toContain("gate: --fail-on high");
    expect(debian.code).toBe(1);
    expect((await runScan(["report", trivy("alpine-310.json.golden")])).code).toBe(0);
  });

  it("SARIF and JSON of the same scan list the same findings", async () => {
    const json = await runScan(["report", trivy("alpine-310.json.golden"), "--fail-on", "medium"]);
    const sarif = await runScan(["report", trivy("alpine-310.sarif.golden"), "--fail-on", "medium"]);
    expect(blockingLines(sarif.stdout).sort()).toEqual(blockingLines(json.stdout).sort());
  });
});
