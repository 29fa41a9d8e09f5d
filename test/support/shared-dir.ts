import { existsSync } from "node:fs";
import path from "node:path";

/** The repository root: two levels above this file (test/support/). */
export const repoRoot = path.resolve(import.meta.dirname, "../..");

/**
 * The shared fixtures folder (real tool outputs, never copied into the project): `<repoRoot>/../shared` as CI
 * lays it out, else `$STRATUM_SHARED_DIR` (a checkout kept elsewhere).
 */
export function sharedDir(): string {
  const candidates = [path.resolve(repoRoot, "../shared"), process.env.STRATUM_SHARED_DIR].filter((c): c is string => !!c);
  const found = candidates.find((dir) => existsSync(path.join(dir, "fixtures")));
  if (!found) throw new Error(`shared fixtures not found in ${candidates.join(" or ")}; set STRATUM_SHARED_DIR to the folder holding fixtures/`);
  return found;
}

/** A file under `<shared>/fixtures/`, e.g. `sharedFixture("trivy", "alpine-310.json.golden")`. */
export function sharedFixture(...parts: string[]): string {
  return path.join(sharedDir(), "fixtures", ...parts);
}
