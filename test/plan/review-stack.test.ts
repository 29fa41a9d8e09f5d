import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { runCli } from "../../commands/main.ts";
import { commands } from "../../commands/index.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { exampleStackConfig, projectWithStacks } from "../support/stack-files.ts";

const overlay = (parse(readFileSync(join(repoRoot, "test/fixtures/review/Pulumi.pr-123.overlay.yaml"), "utf8")) as { config: Record<string, unknown> }).config;
const base = exampleStackConfig("dev-aws");

async function plan(argv: string[], cwd: string) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(commands, ["plan", ...argv], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd });
  return { code, stdout, stderr };
}

describe("stratum plan with a review stack", () => {
  it("plans the base stack first, once, and the review stack on its plan outputs", async () => {
    const dir = projectWithStacks({ "dev-aws": base, "pr-123": { ...base, ...overlay } });
    const result = await plan(["--all", "--format", "json", "--out", "out"], dir);
    expect(result.code).toBe(0);
    expect(result.stderr.match(/planning \S+/g)).toEqual(["planning dev-aws", "planning pr-123"]);
    const review = JSON.parse(readFileSync(join(dir, "out", "pr-123.json"), "utf8")) as PlanReport;
    expect(review.outputs).toMatchObject({ namespace: "pr-123", baseStack: "dev-aws", clusterName: "acme-dev-eks" });
    expect(review.resources.filter((r) => r.type.startsWith("aws:")).map((r) => r.type)).toEqual(["aws:eks/podIdentityAssociation:PodIdentityAssociation", "aws:eks/podIdentityAssociation:PodIdentityAssociation"]);
  }, 120_000);

  it("--stack of a review stack writes its report only", async () => {
    const dir = projectWithStacks({ "dev-aws": base, "pr-123": { ...base, ...overlay } });
    expect((await plan(["--stack", "pr-123", "--out", "out"], dir)).code).toBe(0);
    expect(existsSync(join(dir, "out", "pr-123.json"))).toBe(true);
    expect(existsSync(join(dir, "out", "dev-aws.json"))).toBe(false);
  }, 120_000);

  for (const jobs of ["1", "2"]) {
    it(`a review stack on another review stack is bad input, whichever is planned first (STRATUM_PLAN_JOBS=${jobs})`, async () => {
      const onReview = (pullRequest: number, baseStack: string) => ({ ...base, ...overlay, "stratum:review": { pullRequest, baseStack } });
      // pr-1 sorts before its base pr-2, pr-3 after it.
      const dir = projectWithStacks({ "dev-aws": base, "pr-1": onReview(1, "pr-2"), "pr-2": onReview(2, "dev-aws"), "pr-3": onReview(3, "pr-2") });
      let stderr = "";
      const code = await runCli(commands, ["plan", "--all", "--out", "out"], { stdout: () => {}, stderr: (t) => void (stderr += t), env: { STRATUM_PLAN_JOBS: jobs }, cwd: dir });
      expect(code).toBe(2);
      expect(stderr.trim().split("\n").sort()).toEqual(
        ["pr-1", "pr-3"].map((stack) => `error: stacks/Pulumi.${stack}.yaml: stratum:review.baseStack: got "pr-2", which is itself a review stack; expected a dev stack`),
      );
      expect(existsSync(join(dir, "out"))).toBe(false);
    }, 120_000);
  }

  it("a base stack that is not in stacks/ is bad input (exit 2) and writes nothing", async () => {
    const dir = projectWithStacks({ "pr-123": { ...base, ...overlay, "stratum:review": { pullRequest: 123, baseStack: "dev-elsewhere" } } });
    const result = await plan(["--stack", "pr-123", "--out", "out"], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('stratum:review.baseStack: got "dev-elsewhere", expected a stack in stacks/ (pr-123)');
    expect(existsSync(join(dir, "out", "pr-123.json"))).toBe(false);
  }, 120_000);
});
