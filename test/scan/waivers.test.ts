import { writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sharedFixture } from "../support/shared-dir.ts";
import { runScan, tempDir } from "./run-scan.ts";
import { inForce } from "../support/dates.ts";

const debian = sharedFixture("trivy", "debian-buster.json.golden");

async function waiversFile(yaml: string): Promise<string> {
  const file = path.join(await tempDir(), "waivers.yaml");
  await writeFile(file, yaml);
  return file;
}

const waiver = (fields: string) => `waivers:\n  - id: CVE-2019-18224\n    reason: libidn2 is not reachable from the service\n    approver: security@example.com\n${fields}`;

describe("scan report with waivers", () => {
  it("a valid waiver lets debian-buster pass --fail-on critical, and the finding is reported as waived", async () => {
    const file = await waiversFile(waiver(`    expires: ${inForce}\n    package: libidn2-*\n`));
    const result = await runScan(["report", debian, "--fail-on", "critical", "--waivers", file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`waived: CRITICAL CVE-2019-18224 libidn2-0 until ${inForce} by security@example.com`);
    expect(result.stdout).not.toContain("::error");
  });

  it("an expired waiver blocks and is reported as expired", async () => {
    const file = await waiversFile(waiver("    expires: 2020-01-01\n"));
    const result = await runScan(["report", debian, "--fail-on", "critical", "--waivers", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("expired waiver: CVE-2019-18224 libidn2-0: expired 2020-01-01");
    expect(result.stdout).toMatch(/::error .*CVE-2019-18224.*\(waiver expired 2020-01-01\)/);
  });

  it("a waiver for another package or image does not apply", async () => {
    for (const scope of ["    package: bash\n", "    image: ghcr.io/acme/*\n"]) {
      const file = await waiversFile(waiver(`    expires: ${inForce}\n${scope}`));
      const result = await runScan(["report", debian, "--fail-on", "critical", "--waivers", file]);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/::error .*CVE-2019-18224/);
    }
  });

  it("a waiver scoped to the report's image applies", async () => {
    const file = await waiversFile(waiver(`    expires: ${inForce}\n    image: testdata/fixtures/images/debian-*\n`));
    expect((await runScan(["report", debian, "--fail-on", "critical", "--waivers", file])).code).toBe(0);
  });

  it("a waiver covers only its finding: the unfixed LOW still blocks at --fail-on low", async () => {
    const file = await waiversFile(waiver(`    expires: ${inForce}\n`));
    const result = await runScan(["report", debian, "--fail-on", "low", "--waivers", file]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error .*CVE-2019-18276/);
    expect(result.stdout).not.toMatch(/::error .*CVE-2019-18224/);
  });

  it("a malformed waivers file is exit 2 naming the file and every bad entry, before any gate", async () => {
    const file = await waiversFile(
      `waivers:\n  - id: CVE-2019-18224\n    reason: r\n    expires: ${inForce}\n  - id: CVE-2019-18276\n    reason: r\n    approver: a\n    expires: 31/12/2999\n    pkg: bash\n`,
    );
    const result = await runScan(["report", debian, "--fail-on", "critical", "--waivers", file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${file}: waivers[0].approver: missing (required)`);
    expect(result.stderr).toContain(`${file}: waivers[1].expires: expected a date YYYY-MM-DD`);
    expect(result.stderr).toContain(`${file}: waivers[1].pkg: unknown key`);
    expect(result.stdout).toBe("");
  });

  it("a missing waivers file is exit 2", async () => {
    const result = await runScan(["report", debian, "--fail-on", "critical", "--waivers", "/nonexistent/waivers.yaml"]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--waivers /nonexistent/waivers.yaml: cannot read (no such file)");
  });
});
