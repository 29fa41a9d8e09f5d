import { findWaivers } from "../waivers/match.ts";
import { countFindings, type Counts } from "./counts.ts";
import { blocksAt, type Threshold } from "./severity.ts";
import type { Waiver } from "../waivers/waiver.ts";
import type { Finding, ScanReport } from "./finding.ts";

export interface GateOptions {
  /** The lowest severity that blocks. */
  readonly failOn: Threshold;
  /** Skip findings with no fixed version (nothing to upgrade to). */
  readonly ignoreUnfixed: boolean;
  readonly waivers: readonly Waiver[];
  /** `YYYY-MM-DD`, UTC: the day waiver expiry is judged on. */
  readonly today: string;
}

/** A finding at or above the threshold together with the waiver that waived it, or the expired one that did not. */
export interface WaiverUse {
  readonly finding: Finding;
  readonly waiver: Waiver;
}

export interface Decision {
  readonly verdict: "pass" | "blocked";
  readonly failOn: Threshold;
  readonly ignoreUnfixed: boolean;
  readonly counts: Counts;
  /** Findings that block, those whose only waiver has expired included. */
  readonly blocking: readonly Finding[];
  /** At or above the threshold but waived by a waiver in force: reported, never dropped. */
  readonly waived: readonly WaiverUse[];
  /** Findings that block because the waiver matching them has expired. */
  readonly expiredWaivers: readonly WaiverUse[];
  /** At or above the threshold but skipped by `--ignore-unfixed`. */
  readonly ignoredUnfixed: readonly Finding[];
}

/** The gate, pure: the same report, options and day give the same decision. */
export function decide(report: ScanReport, options: GateOptions): Decision {
  const blocking: Finding[] = [];
  const waived: WaiverUse[] = [];
  const expiredWaivers: WaiverUse[] = [];
  const ignoredUnfixed: Finding[] = [];
  for (const finding of report.findings) {
    if (!blocksAt(finding.severity, options.failOn)) continue;
    if (options.ignoreUnfixed && finding.fixedVersion === null) {
      ignoredUnfixed.push(finding);
      continue;
    }
    const subject = { id: finding.id, package: finding.package, ...(report.image ? { image: report.image } : {}) };
    const { valid, expired } = findWaivers(options.waivers, subject, options.today);
    if (valid[0]) {
      waived.push({ finding, waiver: valid[0] });
      continue;
    }
    blocking.push(finding);
    if (expired[0]) expiredWaivers.push({ finding, waiver: expired[0] });
  }
  return {
    verdict: blocking.length === 0 ? "pass" : "blocked",
    failOn: options.failOn,
    ignoreUnfixed: options.ignoreUnfixed,
    counts: countFindings(report.findings),
    blocking,
    waived,
    expiredWaivers,
    ignoredUnfixed,
  };
}
