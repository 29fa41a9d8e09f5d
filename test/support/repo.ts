import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { existsSync } from "node:fs";

/** The repository root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The shared fixtures folder (`../shared` beside the clone, as CI lays it out), or STRATUM_SHARED_DIR.
 */
export function sharedDir(): string {
  const candidates = [process.env["STRATUM_SHARED_DIR"], join(repoRoot, "../shared")].filter((c): c is string => !!c);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`shared fixtures not found; looked in ${candidates.join(", ")} (set STRATUM_SHARED_DIR)`);
  return found;
}
