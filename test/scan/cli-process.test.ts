import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot, sharedFixture } from "../support/shared-dir.ts";
import { tempDir } from "./run-scan.ts";
import { inForce } from "../support/dates.ts";

const run = promisify(execFile);

/** `node scripts/stratum.ts ARGS` as a real process: its exit code and output. */
async function stratum(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["scripts/stratum.ts", ...args], { cwd: repoRoot, env: { ...process.env, GITHUB_STEP_SUMMARY: "" } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe("stratum scan report, the real process (the issue's Done-when list)", () => {
  it("debian-buster --fail-on critical exits 1 naming CVE-2019-18224", async () => {
    const result = await stratum("scan", "report", sharedFixture("trivy", "debian-buster.json.golden"), "--fail-on", "critical");
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("CVE-2019-18224");
  });

  it("the same report with a valid waiver for it exits 0", async () => {
    const waivers = path.join(await tempDir(), "waivers.yaml");
    await writeFile(waivers, `waivers:\n  - id: CVE-2019-18224\n    package: libidn2-0\n    reason: the service never resolves user-supplied domains\n    approver: security@example.com\n    expires: ${inForce}\n`);
    const result = await stratum("scan", "report", sharedFixture("trivy", "debian-buster.json.golden"), "--fail-on", "critical", "--waivers", waivers);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("waived: CRITICAL CVE-2019-18224");
  });

  it("alpine-310 --fail-on high exits 0", async () => {
    expect((await stratum("scan", "report", sharedFixture("trivy", "alpine-310.json.golden"), "--fail-on", "high")).code).toBe(0);
  });

  it("bad input exits 2 with a message, not a stack trace", async () => {
    const dir = await tempDir();
    const inputs = { "empty.json": "", "truncated.json": '{"SchemaVersion": 2, "Results": [', "binary.json": "\u0000\u0001\u00ff" };
    for (const [name, content] of Object.entries(inputs)) await writeFile(path.join(dir, name), content);
    for (const file of [...Object.keys(inputs).map((n) => path.join(dir, n)), path.join(dir, "missing.json")]) {
      const result = await stratum("scan", "report", file, "--fail-on", "low");
      expect(result.code, file).toBe(2);
      expect(result.stderr).toMatch(new RegExp(`^error: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}: `));
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
