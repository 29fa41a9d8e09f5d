import { describe, expect, it } from "vitest";
import { sharedFixture } from "../support/shared-dir.ts";
import { exampleStackConfig, projectWithStacks } from "../support/stack-files.ts";
import { runScan } from "./run-scan.ts";

const centos = sharedFixture("trivy", "centos-7.json.golden");

/** A project whose one stack is the reference dev stack with the given changes. */
async function projectWithStack(name: string, changes: Record<string, unknown>): Promise<string> {
  return projectWithStacks({ [name]: { ...exampleStackConfig("dev-aws"), ...changes } });
}

describe("--stack: the threshold from the stack's environment profile", () => {
  it("dev blocks critical only; prod blocks high", async () => {
    const dev = await projectWithStack("dev-aws", { "stratum:environment": "dev" });
    const result = await runScan(["report", sharedFixture("trivy", "debian-buster.json.golden"), "--stack", "dev-aws"], { cwd: dev });
    expect(result.stdout).toContain("gate: --fail-on critical");
    const prod = await projectWithStack("prod-aws", { "stratum:environment": "prod" });
    expect((await runScan(["report", centos, "--stack", "prod-aws"], { cwd: prod })).stdout).toContain("gate: --fail-on high");
  });

  it("stratum:scan.failOn in the stack overrides the profile; --fail-on overrides both", async () => {
    const dir = await projectWithStack("prod-gcp", { "stratum:environment": "prod", "stratum:scan": { failOn: "medium" } });
    const fromStack = await runScan(["report", centos, "--stack", "prod-gcp"], { cwd: dir });
    expect(fromStack.stdout).toContain("gate: --fail-on medium");
    expect(fromStack.code).toBe(1);
    const fromFlag = await runScan(["report", centos, "--stack", "prod-gcp", "--fail-on", "high"], { cwd: dir });
    expect(fromFlag.code).toBe(0);
  });

  it("a missing stack file or a bad environment is exit 2 naming the file", async () => {
    const dir = await projectWithStack("odd", { "stratum:environment": "qa" });
    const bad = await runScan(["report", centos, "--stack", "odd"], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('stratum:environment: got "qa", expected one of dev, staging, prod');
    const missing = await runScan(["report", centos, "--stack", "nope"], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--stack: unknown stack "nope"; stacks/ has odd');
  });
});
