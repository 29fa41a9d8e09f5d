import { execFile } from "node:child_process";
import { rmSync } from "node:fs";
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { UserInputError } from "../../cli/errors.ts";
import type { PlanReport } from "../model.ts";
import { jobsVariable } from "../plan-pool.ts";
import { untilDone } from "./on-signal.ts";
import { readPlan } from "./read-plan.ts";

/**
 * Plans one side of a diff exactly as `stratum plan` does, by running that side's own `stratum plan` (its own
 * program, components and rules, the revision's) in a child process: its JSON reports into a temporary folder.
 * Exit 1 (a mandatory violation) still wrote every plan; exit 2 is that side's bad input, reported as such. `jobs`
 * is how many plan processes that side may use (STRATUM_PLAN_JOBS; a revision older than the variable ignores it).
 */
export async function planSide(root: string, label: string, stack: string | "all", jobs: number): Promise<Map<string, PlanReport>> {
  const plans = new Map<string, PlanReport>();
  const out = await mkdtemp(join(tmpdir(), "stratum-side-"));
  let stop = () => {};
  // Stopped by a signal: the child is ended first (it would write on into the folder), then its folder removed.
  const done = untilDone(() => {
    stop();
    rmSync(out, { recursive: true, force: true });
  });
  try {
    const args = [join(root, "scripts", "stratum.ts"), "plan", ...(stack === "all" ? ["--all"] : ["--stack", stack]), "--format", "table", "--out", out];
    const result = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = execFile(process.execPath, args, { cwd: root, env: { ...process.env, [jobsVariable]: String(jobs) }, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (error && code === -1) reject(error);
        else resolve({ code, stderr });
      });
      stop = () => child.kill("SIGKILL");
    });
    if (result.code === 2) throw new UserInputError(result.stderr.trim().split("\n").map((line) => `${label}: ${line.replace(/^error: /, "")}`));
    if (result.code !== 0 && result.code !== 1) throw new Error(`${label}: stratum plan exited ${result.code}: ${result.stderr.trim()}`);
    for (const file of (await readdir(out)).filter((f) => f.endsWith(".json")).sort()) {
      const report = readPlan(`${label} ${file}`, await readFile(join(out, file), "utf8"));
      plans.set(report.stack, report);
    }
    return plans;
  } finally {
    done();
  }
}
