import { severities, type Severity as Threshold } from "../../components/spec/profiles.ts";

export { severities as thresholds, type Threshold };

/** Trivy's severities, most severe first. UNKNOWN is a severity Trivy could not rate, not "none". */
export const findingSeverities = ["CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN"] as const;
export type FindingSeverity = (typeof findingSeverities)[number];

const rank: Readonly<Record<Threshold, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

/**
 * True when a finding of this severity blocks at the threshold. UNKNOWN blocks at `medium` and `low`: failing
 * closed on an unrated finding at every threshold would make `critical` unusable (Trivy leaves many fresh CVEs
 * unrated), while ignoring it everywhere would let an unrated critical through a strict gate.
 */
export function blocksAt(severity: FindingSeverity, failOn: Threshold): boolean {
  if (severity === "UNKNOWN") return rank[failOn] <= rank.medium;
  return rank[severity.toLowerCase() as Threshold] >= rank[failOn];
}

/**
 * SARIF's `security-severity` (a CVSS score as text) to a severity, with GitHub's code-scanning bands:
 * >= 9 critical, >= 7 high, >= 4 medium, > 0 low; anything else (absent, 0, not a number) is UNKNOWN.
 */
export function severityFromScore(score: string | number | undefined): FindingSeverity {
  const value = typeof score === "number" ? score : Number.parseFloat(score ?? "");
  if (!Number.isFinite(value) || value <= 0) return "UNKNOWN";
  if (value >= 9) return "CRITICAL";
  if (value >= 7) return "HIGH";
  if (value >= 4) return "MEDIUM";
  return "LOW";
}

/** Reads a severity word ("HIGH", "high") or returns undefined when it is not one of Trivy's. */
export function parseSeverity(word: string | undefined): FindingSeverity | undefined {
  const upper = word?.trim().toUpperCase();
  return (findingSeverities as readonly string[]).includes(upper ?? "") ? (upper as FindingSeverity) : undefined;
}
