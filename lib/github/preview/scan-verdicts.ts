import { UserInputError } from "../../cli/errors.ts";
import { isJsonObject as isObject, parseJson } from "../../fs/read-input.ts";

export interface ScanVerdict {
  readonly image: string;
  readonly digest: string;
  readonly verdict: "pass" | "blocked";
  /** Findings per severity, as `stratum scan` counted them. */
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
    const counts = isObject(value.counts)
      ? Object.fromEntries(Object.entries(value.counts).filter((e): e is [string, number] => typeof e[1] === "number"))
      : {};
    return {
      image: typeof value.image === "string" ? value.image : key || "unknown image",
      digest: typeof value.digest === "string" ? value.digest : key,
      verdict: value.verdict,
      counts,
      blocking: Array.isArray(value.blocking) ? value.blocking.length : 0,
    };
  });
}
