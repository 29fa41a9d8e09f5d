import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanDiff } from "../../../lib/plan/diff/diff-model.ts";
import { gitProject, stratumProcess, worktrees } from "../../support/git-project.ts";

/*
 * `stratum plan diff --base REF` on a fresh repository of this project, as a user runs it (a process, its own
 * cwd): the done-when checks of the command, and that the temporary worktree is gone whatever happens.
 */
let project: string;
beforeAll(() => {
  project = gitProject();
});

const edit = (file: string, from: string, to: string) => {
  const path = join(project, file);
  const text = readFileSync(path, "utf8");
  expect(text, `${file} holds ${from}`).toContain(from);
  writeFileSync(path, text.replace(from, to));
};

async function diff(args: string[]) {
  const tmp = mkdtempSync(join(tmpdir(), "stratum-diff-tmp-"));
  const out = join(mkdtempSync(join(tmpdir(), "stratum-diff-out-")), "out");
  const result = await stratumProcess(project, ["plan", "diff", ...args, "--out", out], tmp);
  // Removed afterwards: git knows only the main worktree, and the temporary folder is empty.
  expect(worktrees(project)).toHaveLength(1);
  expect(readdirSync(tmp)).toEqual([]);
  const file = join(out, "diff.json");
  return { ...result, out, diff: existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as PlanDiff) : undefined };
}

describe("stratum plan diff --base REF", () => {
  it("reports no changes against HEAD on a fresh clone", async () => {
    const r = await diff(["--base", "HEAD", "--stack", "dev-aws"]);
    expect(r.code, r.stderr).toBe(0);
    const [stack] = r.diff!.stacks;
    expect(stack!.resources).toEqual([]);
    expect(stack!.summary).toMatchObject({ create: 0, delete: 0, update: 0, replaces: 0, urnChanges: 0 });
    expect(stack!.summary.unchanged).toBeGreaterThan(200);
    expect(r.stdout).toContain("dev-aws: 0 to create, 0 to update");
  });

  it("after editing a replica count reports exactly that update", async () => {
    edit("stacks/Pulumi.dev-aws.yaml", "        port: 8080\n        public: true\n", "        port: 8080\n        replicas: { min: 3 }\n        public: true\n");
    try {
      const r = await diff(["--base", "HEAD", "--stack", "dev-aws", "--format", "json"]);
      expect(r.code, r.stderr).toBe(0);
      const [stack] = r.diff!.stacks;
      expect(stack!.resources).toEqual([
        {
          op: "update",
          urn: "urn:pulumi:dev-aws::stratum::stratum:kubernetes:Workload$kubernetes:autoscaling/v2:HorizontalPodAutoscaler::api",
          type: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
          name: "api",
          parent: expect.any(String),
          changes: [{ path: "spec.minReplicas", old: 1, new: 3, replace: "in-place", replaceSource: expect.stringContaining("pulumi/pulumi-kubernetes") }],
          replace: "in-place",
        },
      ]);
      // --format json prints the same document diff.json holds.
      expect(JSON.parse(r.stdout)).toEqual(r.diff);
    } finally {
      edit("stacks/Pulumi.dev-aws.yaml", "        replicas: { min: 3 }\n", "");
    }
  });

  it("a bucket made public is a new mandatory violation: exit 1, and the compliance controls it breaks", async () => {
    edit("components/clouds/aws/secure-bucket.ts", "    blockPublicPolicy: true,", "    blockPublicPolicy: false,");
    try {
      const r = await diff(["--base", "HEAD", "--stack", "dev-aws"]);
      expect(r.code, r.stderr).toBe(1);
      const [stack] = r.diff!.stacks;
      expect(stack!.resources.map((x) => [x.type, x.changes?.map((c) => `${c.path}: ${String(c.old)} → ${String(c.new)}`)])).toContainEqual(["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", ["blockPublicPolicy: true → false"]]);
      expect(stack!.policy.introduced.map((v) => v.rule)).toContain("no-public-data");
      expect(stack!.policy.introduced.every((v) => v.enforcement === "mandatory")).toBe(true);
      expect(stack!.policy.fixed).toEqual([]);
      expect(stack!.policy.controls).toContainEqual({ framework: "gdpr", control: "Art. 32", old: "pass", new: "violated" });
      expect(r.stderr).toMatch(/policy violation introduced: dev-aws: no-public-data: /);
    } finally {
      edit("components/clouds/aws/secure-bucket.ts", "    blockPublicPolicy: false,", "    blockPublicPolicy: true,");
    }
  });

  it("--all compares every stack of either revision", async () => {
    const r = await diff(["--base", "HEAD", "--all", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.diff!.stacks.map((s) => s.stack)).toEqual(readdirSync(join(project, "stacks")).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter(Boolean).sort());
    for (const s of r.diff!.stacks) expect(s.resources, s.stack).toEqual([]);
  });

  it.each([
    [["--base", "no-such-ref", "--stack", "dev-aws"], /--base no-such-ref: not a commit/],
    [["--base=--upload-pack=touch /tmp/x", "--stack", "dev-aws"], /--base: got "--upload-pack=touch \/tmp\/x", expected a git revision/],
    [["--base", "HEAD", "--stack", "no-such-stack"], /--stack no-such-stack: no stacks\/Pulumi\.no-such-stack\.yaml/],
    [["--base", "HEAD", "--stack", "dev-aws", "--all"], /--stack and --all/],
    [["--base", "HEAD", "a.json"], /--base compares revisions/],
  ])("%j is bad input: exit 2, nothing written", async (args, message) => {
    const r = await diff(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(r.out)).toBe(false);
  });

  it("removes the worktree, and ends the planning processes, when it is stopped by a signal", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "stratum-diff-tmp-"));
    const r = await stratumProcess(project, ["plan", "diff", "--base", "HEAD", "--all", "--out", join(tmp, "..", "stratum-diff-signal-out")], tmp, (kill) => {
      const poll = setInterval(() => {
        // Once both sides are planning (the worktree exists, each side has its output folder), stop the run.
        if (worktrees(project).length === 2 && readdirSync(tmp).filter((n) => n.startsWith("stratum-side-")).length === 2) {
          clearInterval(poll);
          kill("SIGTERM");
        }
      }, 20);
    });
    expect(r.code).toBe(143);
    expect(worktrees(project)).toHaveLength(1);
    expect(readdirSync(tmp)).toEqual([]);
    // A planning process left running would write its reports into its folder again: none does.
    await new Promise((done) => setTimeout(done, 3000));
    expect(readdirSync(tmp)).toEqual([]);
  });
});
