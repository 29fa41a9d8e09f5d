import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sharedFixture } from "../support/shared-dir.ts";
import { runScan, tempDir } from "./run-scan.ts";

/** Each bad report, how it is made from nothing or from a real fixture, and the problem the message names. */
const badReports: ReadonlyArray<{ name: string; problem: RegExp; make: () => Promise<string | Uint8Array | null> }> = [
  { name: "missing.json", problem: /no such file/, make: async () => null },
  { name: "empty.json", problem: /empty file/, make: async () => "" },
  { name: "whitespace.json", problem: /empty file/, make: async () => " \n\t\n" },
  {
    name: "truncated.json",
    problem: /truncated JSON/,
    make: async () => (await readFile(sharedFixture("trivy", "debian-buster.json.golden"), "utf8")).slice(0, 4000),
  },
  { name: "not-json.txt", problem: /not JSON/, make: async () => "Total: 2 (CRITICAL: 1)\n" },
  { name: "other.json", problem: /not a Trivy report/, make: async () => JSON.stringify({ foo: 1 }) },
  { name: "array.json", problem: /not a Trivy report \(the JSON is an array/, make: async () => "[]" },
  {
    name: "schema-1.json",
    problem: /SchemaVersion 1; stratum reads SchemaVersion 2/,
    make: async () => {
      const report = JSON.parse(await readFile(sharedFixture("trivy", "debian-buster.json.golden"), "utf8"));
      return JSON.stringify({ ...report, SchemaVersion: 1 });
    },
  },
  {
    name: "no-runs.sarif",
    problem: /SARIF file has no runs/,
    make: async () => JSON.stringify({ version: "2.1.0", $schema: "https://json.schemastore.org/sarif-2.1.0.json", runs: [] }),
  },
  {
    name: "sarif-1.0.sarif",
    problem: /SARIF version "1\.0\.0"; stratum reads SARIF 2\.1\.0/,
    make: async () => JSON.stringify({ version: "1.0.0", runs: [] }),
  },
  { name: "runs-not-list.sarif", problem: /"runs" is not a list/, make: async () => JSON.stringify({ version: "2.1.0", runs: {} }) },
  {
    name: "other-tool.sarif",
    problem: /runs\[0\] is from "Grype", not Trivy/,
    make: async () => {
      const sarif = JSON.parse(await readFile(sharedFixture("trivy", "alpine-310.sarif.golden"), "utf8"));
      sarif.runs[0].tool.driver.name = "Grype";
      return JSON.stringify(sarif);
    },
  },
  {
    name: "vulnerability-without-severity.json",
    problem: /Results\.0\.Vulnerabilities\.1\.Severity/,
    make: async () => {
      const report = JSON.parse(await readFile(sharedFixture("trivy", "debian-buster.json.golden"), "utf8"));
      delete report.Results[0].Vulnerabilities[1].Severity;
      return JSON.stringify(report);
    },
  },
  { name: "binary.json", problem: /binary content/, make: async () => Uint8Array.from([0x7b, 0x00, 0xff, 0xfe, 0x89, 0x50, 0x4e, 0x47, 0x00, 0x0a]) },
];

describe("scan report fails closed: every bad report is exit 2 naming the file and the problem", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await tempDir();
    for (const bad of badReports) {
      const content = await bad.make();
      if (content !== null) await writeFile(path.join(dir, bad.name), content);
    }
  });

  for (const bad of badReports) {
    for (const failOn of ["critical", "low"]) {
      it(`${bad.name} --fail-on ${failOn} → exit 2`, async () => {
        const file = path.join(dir, bad.name);
        const verdict = path.join(dir, `${bad.name}.verdict.json`);
        const result = await runScan(["report", file, "--fail-on", failOn, "--verdict", verdict]);
        expect(result.code).toBe(2);
        expect(result.stderr).toContain(file);
        expect(result.stderr).toMatch(bad.problem);
        expect(result.stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
        expect(result.stdout).not.toMatch(/PASS/);
        await expect(readFile(verdict)).rejects.toThrow(/ENOENT/); // nothing written on bad input
      });
    }
  }

  it("a directory is not a report", async () => {
    const result = await runScan(["report", dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is a directory/);
  });

  it("bad flags are exit 2 naming the flag", async () => {
    const report = sharedFixture("trivy", "alpine-310.json.golden");
    expect((await runScan(["report", report, "--fail-on", "severe"])).stderr).toMatch(/--fail-on: got "severe", expected one of critical, high, medium, low/);
    expect((await runScan(["report", report, "--no-such-flag"])).code).toBe(2);
    expect((await runScan(["report"])).stderr).toMatch(/expected exactly one FILE/);
    expect((await runScan(["report", report, report])).code).toBe(2);
    expect((await runScan(["report", report, "--skip-db-update"])).stderr).toMatch(/only `scan image` runs Trivy/);
    expect((await runScan(["audit", report])).stderr).toMatch(/unknown mode "audit"/);
  });
});
