// Scaling in services: the example stack with N services (bench/generated-stack.ts), each planned in fresh
// processes, and the two goals for it: 200 services in at most 1.8x the time of 100 (no worse than linear in
// resources) and in at most 500 MB. Called from bench/run.ts; runs alone with
//   node --input-type=module -e 'const { benchScaling, scalingGoals } = await import("./bench/scaling.ts"); ...'
import { generatedStack, removeGeneratedStack } from "./generated-stack.ts";
import { planScript } from "./import-floor.ts";
import { measure, median, timed, type Sample } from "./measure.ts";

export interface ScalingRow {
  readonly services: number;
  readonly name: string;
  readonly sample: Sample & { readonly resources: number };
  /** Time over the previous number of services'. */
  readonly ratio?: number;
}

/** The sizes to plan: `BENCH_SERVICES`, comma-separated (default 25,50,100,200; the spec allows up to 500). */
export function scalingCounts(env: Readonly<Record<string, string | undefined>>): number[] {
  const text = env["BENCH_SERVICES"] ?? "25,50,100,200";
  const counts = text.split(",").map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`BENCH_SERVICES=${text}: expected whole numbers of services, comma-separated (25,50,100,200)`);
  return counts;
}

export function benchScaling(base: string, counts: readonly number[], runs: number): ScalingRow[] {
  const rows: ScalingRow[] = [];
  for (const services of counts) {
    const generated = generatedStack(base, services);
    try {
      const samples = Array.from({ length: runs }, () => measure<Sample & { resources: number }>(timed(planScript(generated.stack), "{ resources: report.resources.length }"), generated.root));
      const sample = median(samples);
      const previous = rows.at(-1);
      rows.push({ services, name: `plan ${base} with ${services} services (${sample.resources.toLocaleString("en")} resources)`, sample, ...(previous ? { ratio: sample.seconds / previous.sample.seconds } : {}) });
    } finally {
      removeGeneratedStack(generated.root);
    }
  }
  return rows;
}

/** The goals for 200 services, as lines to print under the table; none when 100 or 200 was not planned. */
export function scalingGoals(rows: readonly ScalingRow[]): string[] {
  const at = (n: number) => rows.find((r) => r.services === n)?.sample;
  const [hundred, twoHundred] = [at(100), at(200)];
  if (!hundred || !twoHundred) return [];
  const ratio = twoHundred.seconds / hundred.seconds;
  const met = (ok: boolean) => (ok ? "met" : "NOT met");
  return [
    `200 services ÷ 100 services, time: ${ratio.toFixed(2)}× (goal ≤ 1.8×: ${met(ratio <= 1.8)})`,
    `200 services, peak RSS: ${twoHundred.peakMb.toFixed(0)} MB (goal ≤ 500 MB: ${met(twoHundred.peakMb <= 500)})`,
  ];
}
