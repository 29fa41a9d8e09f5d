import { findingSeverities, type FindingSeverity } from "./severity.ts";
import type { Finding } from "./finding.ts";

/** The summary line's numbers: every finding in the report, whatever the threshold. */
export interface Counts {
  readonly total: number;
  readonly bySeverity: Readonly<Record<FindingSeverity, number>>;
  /** Findings with a fixed version: what upgrading the image would remove. */
  readonly fixable: number;
}

export function countFindings(findings: readonly Finding[]): Counts {
  const bySeverity = Object.fromEntries(findingSeverities.map((s) => [s, 0])) as Record<FindingSeverity, number>;
  for (const finding of findings) bySeverity[finding.severity] += 1;
  return { total: findings.length, bySeverity, fixable: findings.filter((f) => f.fixedVersion !== null).length };
}
