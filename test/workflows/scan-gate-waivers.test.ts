import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repositoryWaiversFile, scanSteps } from "../../workflows/images.ts";
import { fixturePlatform, fixtureWorkflows } from "./fixture.ts";

/**
 * The CI scan gate passes the repository's waivers file to `stratum scan` when the checkout has one. The step's
 * own shell runs here, with `npm` replaced by a script that records its arguments.
 */
function runGate(withWaivers: boolean): { status: number | null; args: string[] } {
  const workload = fixturePlatform().workloads[0]!;
  const gate = scanSteps(workload, { target: { imageRef: "stratum-ci/api:ci" } }).find((s) => s.name === "Scan gate")!;
  const dir = mkdtempSync(join(tmpdir(), "stratum-scan-gate-"));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "npm"), `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > "${dir}/args"\nexit 1\n`);
  chmodSync(join(bin, "npm"), 0o755);
  if (withWaivers) {
    mkdirSync(join(dir, "policy"));
    writeFileSync(join(dir, repositoryWaiversFile), "waivers: []\n");
  }
  const result = spawnSync("sh", ["-e", "-c", gate.run!], { cwd: dir, env: { ...gate.env, PATH: `${bin}:/usr/bin:/bin`, GITHUB_STEP_SUMMARY: join(dir, "summary") } });
  return { status: result.status, args: readFileSync(join(dir, "args"), "utf8").trim().split("\n") };
}

describe("the CI scan gate", () => {
  it("passes --waivers policy/waivers.yaml when the repository has the file, and keeps the gate's exit code", () => {
    const { status, args } = runGate(true);
    expect(status).toBe(1);
    expect(args.slice(-2)).toEqual(["--waivers", "policy/waivers.yaml"]);
    expect(args).toEqual(expect.arrayContaining(["scan", "report", "--fail-on"]));
  });

  it("passes no --waivers without the file (a missing file would be bad input, exit 2)", () => {
    const { status, args } = runGate(false);
    expect(status).toBe(1);
    expect(args).not.toContain("--waivers");
  });

  it("is the step every generated scan gate runs, in CI and in deploy", () => {
    const workflows = fixtureWorkflows();
    for (const file of [".github/workflows/ci.yml", ".github/workflows/deploy.yml"]) {
      expect(workflows.get(file), file).toContain(`WAIVERS: ${repositoryWaiversFile}`);
      expect(workflows.get(file), file).toContain('set --; if [ -f "$WAIVERS" ]; then set -- --waivers "$WAIVERS"; fi');
    }
  });
});
