import { UserInputError } from "../../cli/errors.ts";
import { isJsonObject as isObject, parseJson } from "../../fs/read-input.ts";

export interface ScanVerdict {
  readonly image: string;
  readonly digest: string;
  readonly verdict: "pass" | "blocked";
  /** Findings per severity, as `stratum scan` counted them; severities with none are left out. */
  readonly counts: Readonly<Record<string, number>>;
  readonly blocking: number;
}

/**
 * Reads `stratum scan --verdict` output: a map from digest to verdict, or a single verdict object. Read loosely
 * (unknown fields ignored) because the scan command owns that format; only `verdict` is required.
 */
export function readScanVerdicts(file: string, text: string): ScanVerdict[] {
  const data = parseJson(text, file, "`stratum scan --verdict` output");
  if (!isObject(data)) throw new UserInputError(`${file}: expected a scan verdict object or a map of digest to verdict`);
  const entries = typeof data.verdict === "string" ? [["", data] as const] : Object.entries(data);
  return entries.map(([key, value]) => {
    if (!isObject(value) || (value.verdict !== "pass" && value.verdict !== "blocked")) {
      throw new UserInputError(`${file}: ${key ? `"${key}"` : "the verdict"} has no "verdict": "pass" | "blocked"`);
    }
    const counts = severityCounts(value.counts);
    return {
      image: typeof value.image === "string" ? value.image : key || "unknown image",
      digest: typeof value.digest === "string" ? value.digest : key,
      verdict: value.verdict,
      counts,
      blocking: Array.isArray(value.blocking) ? value.blocking.length : 0,
    };
  });
}

/**
 * The per-severity numbers of a verdict's `counts` (`{total, bySeverity: {CRITICAL: 1, ...}, fixable}`, see
 * lib/scan/verdict.ts). A flat `{CRITICAL: 1}` is read too; totals are not severities and are left out.
 */
function severityCounts(counts: unknown): Record<string, number> {
  if (!isObject(counts)) return {};
  const bySeverity = isObject(counts.bySeverity) ? counts.bySeverity : counts;
  return Object.fromEntries(
    Object.entries(bySeverity).filter((e): e is [string, number] => typeof e[1] === "number" && e[1] > 0 && e[0] !== "total" && e[0] !== "fixable"),
  );
}
