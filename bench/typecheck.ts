// The type check's cost: each program that `npm run typecheck` runs (package.json `typecheck:run`), in a fresh
// process, with its peak RSS and the number of files it loads; and the check as the test command runs it, two
// programs at a time (its peak is its largest process's).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { lastLine, root, runScript } from "./measure.ts";

export interface TypecheckSample {
  readonly seconds: number;
  readonly peakMb: number;
  readonly files: number;
}

/**
 * The tsconfig files of `typecheck:run`, in its order (largest first, as the two lanes take them): the check the
 * README's test command runs.
 */
export function typecheckPrograms(): string[] {
  const scripts = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts;
  const programs = [...(scripts["typecheck:run"] ?? "").matchAll(/\b(tsconfig[\w.-]*\.json)\b/g)].map((m) => m[1] ?? "");
  if (programs.length === 0) throw new Error("package.json scripts.typecheck:run names no tsconfig*.json");
  return programs;
}

/** Runs tsc on one program in this Node, with --extendedDiagnostics for its file count; fails if tsc does. */
export function measureTypecheck(config: string): TypecheckSample {
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/lib/tsc.js");
  const script = `
const { createRequire } = await import("node:module");
const { writeSync } = await import("node:fs");
const started = performance.now();
let out = "";
process.stdout.write = (chunk, ...rest) => { out += String(chunk); return true; };
process.on("exit", (code) => {
  const files = Number(/^Files:\\s+(\\d+)/m.exec(out)?.[1] ?? NaN);
  if (code !== 0) writeSync(2, out);
  writeSync(1, JSON.stringify({ seconds: (performance.now() - started) / 1000, peakMb: process.resourceUsage().maxRSS / 1024, files }) + "\\n");
});
process.argv = [process.argv[0], ${JSON.stringify(tsc)}, "-p", ${JSON.stringify(config)}, "--extendedDiagnostics"];
createRequire(import.meta.url)(${JSON.stringify(tsc)});`;
  // tsc as `npm run typecheck` runs it: with Node's own defaults, not stratum's flag.
  return lastLine<TypecheckSample>(runScript(script, root, []));
}
