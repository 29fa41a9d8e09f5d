// The plan diff's cost: `stratum plan diff --base HEAD~1 --all` on the example stacks against planning both
// sides plainly (`stratum plan --all` in the working tree and in a worktree of HEAD~1), and the ratio (the goal:
// within 1.2x). Every run is a fresh process, as a user runs the command. Called from bench/run.ts.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stratumNodeFlags } from "./measure.ts";

function seconds(cwd: string, args: readonly string[]): number {
  const out = mkdtempSync(join(tmpdir(), "stratum-bench-diff-"));
  const started = performance.now();
  const result = spawnSync(process.execPath, [...stratumNodeFlags, join(cwd, "scripts", "stratum.ts"), ...args, "--out", out], { cwd, encoding: "utf8" });
  const elapsed = (performance.now() - started) / 1000;
  rmSync(out, { recursive: true, force: true });
  // 1 is a mandatory violation in a plan: still a full plan, still a fair timing.
  if (result.status !== 0 && result.status !== 1) throw new Error(`stratum ${args.join(" ")} exited ${result.status}: ${result.stderr}`);
  return elapsed;
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

export function benchPlanDiff(root: string, runs: number): void {
  const git = (...args: string[]) => execFileSync("git", ["-C", root, ...args], { encoding: "utf8" }).trim();
  try {
    git("rev-parse", "--verify", "--quiet", "HEAD~1^{commit}");
  } catch {
    console.log("\nplan diff: skipped (no HEAD~1 in this clone)");
    return;
  }
  const holder = mkdtempSync(join(tmpdir(), "stratum-bench-base-"));
  const base = join(holder, "tree");
  git("worktree", "add", "--detach", "--quiet", base, "HEAD~1");
  try {
    symlinkSync(join(root, "node_modules"), join(base, "node_modules"), "dir");
    const diff = median(Array.from({ length: runs }, () => seconds(root, ["plan", "diff", "--base", "HEAD~1", "--all"])));
    const head = median(Array.from({ length: runs }, () => seconds(root, ["plan", "--all"])));
    const previous = median(Array.from({ length: runs }, () => seconds(base, ["plan", "--all"])));
    console.log(`\n| plan diff (${runs} runs each, median) | seconds |\n| --- | ---: |`);
    console.log(`| plan --all, working tree | ${head.toFixed(2)} |\n| plan --all, HEAD~1 | ${previous.toFixed(2)} |`);
    console.log(`| plan diff --base HEAD~1 --all | ${diff.toFixed(2)} |\n| ratio to both plain plans (goal <= 1.2) | ${(diff / (head + previous)).toFixed(2)} |`);
  } finally {
    execFileSync("git", ["-C", root, "worktree", "remove", "--force", base], { stdio: "ignore" });
    rmSync(holder, { recursive: true, force: true });
  }
}
