import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commands } from "../../lib/cli/commands.ts";
import { runCli } from "../../lib/cli/main.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { repoRoot } from "./shared-dir.ts";

/**
 * `stratum plan --stack <stack> --format json`, run as a user runs it (the CLI, the repository's stacks), read
 * back from stdout; fails with the CLI's stderr when the plan does not succeed cleanly.
 */
export async function planJson(stack: string): Promise<PlanReport> {
  let stdout = "";
  let stderr = "";
  const out = mkdtempSync(join(tmpdir(), "stratum-plan-json-"));
  try {
    const code = await runCli(commands, ["plan", "--stack", stack, "--format", "json", "--out", out], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd: repoRoot });
    if (code !== 0 || stderr !== "") throw new Error(`stratum plan --stack ${stack} --format json exited ${code}:\n${stderr}`);
    return JSON.parse(stdout) as PlanReport;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
