// Benchmarks: how long the offline plan takes and how much memory it needs, per example stack, against its import
// floor (bench/import-floor.ts), and what the type check costs (bench/typecheck.ts).
// Run: npm run bench (BENCH_RUNS=5 for more runs). Each measurement starts a fresh Node process so module caches
// do not flatter the numbers; each figure is the median of BENCH_RUNS runs (default 3).
import { listStacks } from "../lib/stack-config/stack-config.ts";
import { benchScaling, scalingCounts, scalingGoals } from "./scaling.ts";
import { floorScript, planScript, providerModulesOf } from "./import-floor.ts";
import { measure, measureCommand, measureNpmScript, median, root, timed, type Sample } from "./measure.ts";
import { measureTypecheck, typecheckPrograms, type TypecheckSample } from "./typecheck.ts";

const runs = Number(process.env["BENCH_RUNS"] ?? 3);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(`BENCH_RUNS=${process.env["BENCH_RUNS"]}: expected a whole number of runs, 1 or more`);
  process.exit(2);
}

interface Row {
  readonly name: string;
  readonly sample: Sample;
  readonly ratio?: number;
  readonly files?: number;
}

const rows: Row[] = [];
const repeat = <T>(take: () => T): T[] => Array.from({ length: runs }, take);
const row = (name: string, script: string) => rows.push({ name, sample: median(repeat(() => measure(script))) });

row("import @pulumi/pulumi", timed(`await import("@pulumi/pulumi");`));
row("import the program (index.ts)", timed(`await import("./index.ts");`));

for (const stack of listStacks(root)) {
  const modules = providerModulesOf(stack);
  const floor = timed(floorScript(modules));
  const deferringFloor = timed(floorScript(modules, { deferring: true }));
  const plan = timed(planScript(stack));
  // Paired: each run measures the floors and then the plan, so all see the same machine load.
  const triples = repeat(() => [measure(floor), measure(deferringFloor), measure(plan)] as const);
  const floorSample = median(triples.map(([f]) => f));
  const deferringSample = median(triples.map(([, d]) => d));
  const planSample = median(triples.map(([, , p]) => p));
  rows.push({ name: `import floor ${stack} (${modules.length} provider modules)`, sample: floorSample });
  rows.push({ name: `import floor ${stack}, deferring what the plan defers (ratio: the plan over it)`, sample: deferringSample, ratio: planSample.seconds / deferringSample.seconds });
  rows.push({ name: `plan ${stack}`, sample: planSample, ratio: planSample.seconds / floorSample.seconds });
}

// Scaling: the example stack with N services (the spec allows up to 500). ratio: time over the previous N's.
let counts: number[];
try {
  counts = scalingCounts(process.env);
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const scaling = benchScaling(process.env["BENCH_SCALE_STACK"] ?? "dev-aws", counts, runs);
for (const { name, sample, ratio } of scaling) rows.push({ name, sample, ...(ratio === undefined ? {} : { ratio }) });

// --all as a user runs it: its stacks are planned in worker processes, so its peak RSS is the largest process's.
// Node's compile cache off (lib/compile-cache.ts), as for the single stacks it is compared with.
const cacheOff = { NODE_DISABLE_COMPILE_CACHE: "1" };
const all = median(repeat(() => measureCommand(["plan", "--all", "--format", "json"], root, cacheOff)));
const slowest = Math.max(...rows.filter((r) => /^plan [a-z0-9-]+$/.test(r.name)).map((r) => r.sample.seconds));
rows.push({ name: "plan --all (stacks in worker processes; peak: the largest process; ratio: over the slowest single stack)", sample: all, ratio: all.seconds / slowest });

// What the compile cache saves a user: one stack through the CLI with it off, then with it warm (one run first).
const cold = median(repeat(() => measureCommand(["plan", "--stack", "dev-aws", "--format", "json"], root, cacheOff)));
measureCommand(["plan", "--stack", "dev-aws", "--format", "json"]);
const warm = median(repeat(() => measureCommand(["plan", "--stack", "dev-aws", "--format", "json"])));
rows.push({ name: "stratum plan --stack dev-aws, compile cache off", sample: cold });
rows.push({ name: "stratum plan --stack dev-aws, compile cache warm (ratio: over off)", sample: warm, ratio: warm.seconds / cold.seconds });

const checks = typecheckPrograms().map((config) => ({ config, sample: median<TypecheckSample>(repeat(() => measureTypecheck(config))) }));
for (const { config, sample } of checks) rows.push({ name: `tsc -p ${config}`, sample, files: sample.files });
const largest = checks.reduce((a, b) => (b.sample.peakMb > a.sample.peakMb ? b : a));
// The check as `npm test` runs it (two programs at a time), under GNU time: its peak is the largest process's.
const whole = median(repeat(() => measureNpmScript("typecheck:run")));
rows.push({ name: `type check (npm run typecheck: ${checks.length} programs, two at a time; peak: the largest process, ${largest.config})`, sample: whole, files: largest.sample.files });

console.log(`node ${process.version}, ${runs} runs each, median; ratio: a plan's time over its import floor's, over the previous number of services', or --all's over the slowest stack's\n`);
console.log("| case | seconds | peak RSS (MB) | ratio | files |\n| --- | ---: | ---: | ---: | ---: |");
for (const { name, sample, ratio, files } of rows) {
  console.log(`| ${name} | ${sample.seconds.toFixed(2)} | ${sample.peakMb.toFixed(0)} | ${ratio === undefined ? "" : `${ratio.toFixed(2)}×`} | ${files === undefined ? "" : files.toLocaleString("en")} |`);
}
for (const line of scalingGoals(scaling)) console.log(`\n${line}`);
(await import("./plan-diff.ts")).benchPlanDiff(root, runs);
