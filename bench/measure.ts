// One measurement: a script run in a fresh Node, which prints its own wall time and peak RSS as its last line.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The Node flag `bin/stratum` runs every stratum process with: what users run is what the benchmarks measure. */
export const stratumNodeFlags: readonly string[] = (() => {
  const launcher = join(root, "bin", "stratum");
  const flag = /^node_flag="(--[a-z0-9-]+=[0-9]+)"$/m.exec(readFileSync(launcher, "utf8"))?.[1];
  if (!flag) throw new Error(`${launcher}: no node_flag="--<v8-flag>=<number>" line, which the benchmarks run plans with`);
  return [flag];
})();

export interface Sample {
  readonly seconds: number;
  readonly peakMb: number;
}

/**
 * Runs an ES module script in a fresh Node (cwd: the repository unless told; Node's flags: stratum's unless told)
 * and returns its output.
 */
export function runScript(script: string, cwd = root, nodeFlags: readonly string[] = stratumNodeFlags): string {
  return execFileSync(process.execPath, [...nodeFlags, "--input-type=module", "-e", script], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

export function lastLine<T>(out: string): T {
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as T;
}

export function measure<T extends Sample = Sample>(script: string, cwd = root): T {
  return lastLine<T>(runScript(script, cwd));
}

/**
 * Wraps a body so the process reports its wall time and peak RSS (process.resourceUsage: no /usr/bin/time needed),
 * and any numbers `extra` (an expression over the body's variables) adds.
 */
export const timed = (body: string, extra = "{}") => `
const started = performance.now();
${body}
const seconds = (performance.now() - started) / 1000;
console.log(JSON.stringify({ seconds, peakMb: process.resourceUsage().maxRSS / 1024, ...(${extra}) }));
process.exit(0);`;

export function median<T extends object>(samples: readonly T[]): T {
  const keys = Object.keys(samples[0] ?? {}) as (keyof T)[];
  const pick = (key: keyof T) => [...samples].map((s) => s[key] as number).sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? NaN;
  return Object.fromEntries(keys.map((key) => [key, pick(key)])) as T;
}

/** GNU time, whose %M is the peak RSS of the largest process in the tree it waits for (Linux's wait4 rusage). */
const gnuTime = "/usr/bin/time";

/**
 * A process's wall time and peak RSS: the largest process's in the tree it starts, from GNU time when the machine
 * has it (else NaN: this process's own rusage would leave the tree out). Fails, with its stderr, when it fails.
 */
function measureProcess(command: readonly string[], cwd: string, env: Readonly<Record<string, string>>): Sample {
  const [file = "", ...args] = command;
  if (!existsSync(gnuTime)) {
    const started = performance.now();
    execFileSync(file, args, { cwd, stdio: "ignore", env: { ...process.env, ...env } });
    return { seconds: (performance.now() - started) / 1000, peakMb: NaN };
  }
  const result = spawnSync(gnuTime, ["-f", "%e %M", ...command], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024, env: { ...process.env, ...env } });
  if (result.status !== 0) throw new Error(`${command.join(" ")} exited ${result.status}: ${result.stderr.slice(-2000)}`);
  const [seconds, kb] = (result.stderr.trim().split("\n").pop() ?? "").split(" ").map(Number);
  return { seconds: seconds ?? NaN, peakMb: (kb ?? NaN) / 1024 };
}

/**
 * A stratum command as a user runs it, in a fresh process (its reports into a temporary folder). A command that
 * plans in worker processes has more than one peak: this is the largest process's.
 */
export function measureCommand(args: readonly string[], cwd = root, env: Readonly<Record<string, string>> = {}): Sample {
  const out = mkdtempSync(join(tmpdir(), "stratum-bench-out-"));
  try {
    return measureProcess([process.execPath, ...stratumNodeFlags, join(root, "scripts", "stratum.ts"), ...args, "--out", out], cwd, env);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** An npm script of the project as `npm run --silent <script>` runs it; the peak is its largest process's. */
export function measureNpmScript(script: string): Sample {
  return measureProcess(["npm", "run", "--silent", script], root, {});
}
