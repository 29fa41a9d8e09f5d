import { isDigest } from "./digest.ts";
import type { VerdictFile } from "./verdict.ts";

/**
 * The digests a deploy may pass on: verdict `pass`, filed under its own registry digest. An entry keyed by an
 * image reference, or carrying only a local image ID, names nothing a cluster could pull by digest.
 */
export function passingDigests(verdicts: VerdictFile): string[] {
  return Object.entries(verdicts)
    .filter(([key, v]) => v.verdict === "pass" && v.digest === key && isDigest(key) && v.digestSource === "repoDigest")
    .map(([key]) => key);
}
