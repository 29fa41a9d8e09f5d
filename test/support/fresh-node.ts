import { execFileSync } from "node:child_process";
import { repoRoot } from "./shared-dir.ts";

export interface FreshNodeOptions {
  /** The working directory: the repository unless told. */
  readonly cwd?: string;
  /** The whole environment: this process's unless told. */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Runs an ES module script in a fresh Node (this one's binary, with no test runner loaded, as a user's process has
 * none) and returns what it prints. For what only a new process shows: the modules it loads, its locale, its hooks.
 */
export function freshNode(script: string, options: FreshNodeOptions = {}): string {
  return execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: options.cwd ?? repoRoot, env: options.env ?? process.env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}

/** The last line a fresh Node prints, parsed as JSON. */
export const freshNodeAnswer = <T>(script: string, options: FreshNodeOptions = {}): T =>
  JSON.parse(freshNode(script, options).trim().split("\n").pop() ?? "null") as T;
