import type { FindingSeverity } from "./severity.ts";

/** One vulnerability in one installed package, whichever report format it came from. */
export interface Finding {
  /** CVE-…, GHSA-…: what a waiver names. */
  readonly id: string;
  readonly package: string;
  readonly installedVersion: string;
  /** The version that fixes it; null when there is none (yet), which `--ignore-unfixed` skips. */
  readonly fixedVersion: string | null;
  readonly severity: FindingSeverity;
  readonly title: string;
  /** Where Trivy found it: the image and OS, or a lock file. */
  readonly target: string;
  /** Trivy's status (`fixed`, `affected`, `will_not_fix`, …) when the format carries it. */
  readonly status: string | null;
}

/** A parsed, validated scan report: what the gate decides on. */
export interface ScanReport {
  /** The file it was read from, for messages. */
  readonly file: string;
  readonly format: "trivy-json" | "sarif";
  /** The image reference Trivy was given (`ArtifactName`), when the report names one. */
  readonly image: string | null;
  /** `sha256:…` of the image, or null when the report names none. */
  readonly digest: string | null;
  /** Where the digest came from: a registry's manifest digest (pullable) or the local image config ID. */
  readonly digestSource: "repoDigest" | "imageId" | null;
  readonly findings: readonly Finding[];
}

/** "2.0.5-1 → 2.0.5-1+deb10u1", or "5.0-4 → no fix" when there is none to upgrade to. */
export function versionChange(finding: Finding): string {
  return `${finding.installedVersion} → ${finding.fixedVersion ?? "no fix"}`;
}
