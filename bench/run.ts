// Benchmarks: how long the offline plan takes and how much memory it needs, per example stack.
// Run: npm run bench. Each measurement starts a fresh Node process so module caches do not flatter the numbers.
import { execFileSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { listStacks } from "../lib/stack-config/stack-config.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const runs = Number(process.env["BENCH_RUNS"] ?? 3);

interface Sample {
  readonly seconds: number;
  readonly peakMb: number;
}

/** Runs a script in a fresh Node and reads its wall time and peak RSS (from /usr/bin/time-free process.resourceUsage). */
function measure(script: string): Sample {
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").pop() ?? "{}") as Sample;
}

const timed = (body: string) => `
const started = performance.now();
${body}
console.log(JSON.stringify({ seconds: (performance.now() - started) / 1000, peakMb: process.resourceUsage().maxRSS / 1024 }));
process.exit(0);`;

function median(samples: readonly Sample[]): Sample {
  const by = (key: keyof Sample) => [...samples].sort((a, b) => a[key] - b[key])[Math.floor(samples.length / 2)]?.[key] ?? NaN;
  return { seconds: by("seconds"), peakMb: by("peakMb") };
}

const cases: Record<string, string> = {
  "import @pulumi/pulumi": timed(`await import("@pulumi/pulumi");`),
  "import the program (index.ts)": timed(`await import("./index.ts");`),
};
for (const stack of listStacks(root)) {
  cases[`plan ${stack}`] = timed(`
const { prepareStack, planStack } = await import("./lib/plan/plan-stack.ts");
const { loadProgram } = await import("./lib/plan/load-program.ts");
const report = await planStack(prepareStack(".", ${JSON.stringify(stack)}), await loadProgram("."));
if (report.resources.length === 0) throw new Error("empty plan");`);
}
cases["plan --all (one process)"] = timed(`
const { run } = await import("./commands/plan.ts");
const { mkdtempSync } = await import("node:fs");
const out = mkdtempSync("/tmp/stratum-bench-");
const code = await run(["--all", "--out", out, "--format", "json"], { stdout: () => {}, stderr: () => {}, env: {}, cwd: "." });
if (code !== 0) throw new Error("plan failed: " + code);`);

console.log(`node ${process.version}, ${runs} runs each, median\n`);
console.log("| case | seconds | peak RSS (MB) |\n| --- | ---: | ---: |");
for (const [name, script] of Object.entries(cases)) {
  const result = median(Array.from({ length: runs }, () => measure(script)));
  console.log(`| ${name} | ${result.seconds.toFixed(2)} | ${result.peakMb.toFixed(0)} |`);
}
(await import("./plan-diff.ts")).benchPlanDiff(root, runs);
