import { z } from "zod";
import { UserInputError } from "../cli/errors.ts";
import { pickDigest } from "./digest.ts";
import { findingSeverities } from "./severity.ts";
import type { Finding, ScanReport } from "./finding.ts";

/**
 * The parts of a Trivy JSON report (`trivy image --format json`, SchemaVersion 2) the gate reads. Unknown keys
 * are allowed: newer Trivy adds fields (`Trivy`, `ReportID`, `ArtifactID`, `Fingerprint`) and older omits them.
 * Misconfigurations, secrets and licenses in Results are not gated here: this is the vulnerability gate.
 */
const vulnerabilitySchema = z.object({
  VulnerabilityID: z.string().min(1),
  PkgName: z.string().min(1),
  InstalledVersion: z.string(),
  FixedVersion: z.string().optional(),
  Severity: z.enum(findingSeverities),
  Title: z.string().optional(),
  Status: z.string().optional(),
});

const trivyReportSchema = z.object({
  SchemaVersion: z.literal(2),
  ArtifactName: z.string().optional(),
  Metadata: z
    .object({
      RepoDigests: z.array(z.string()).nullish(),
      ImageID: z.string().nullish(),
    })
    .optional(),
  // A result omits Vulnerabilities when it has none; Results itself is checked below.
  Results: z
    .array(z.object({ Target: z.string(), Vulnerabilities: z.array(vulnerabilitySchema).nullish() }))
    .nullish(),
});

export interface TrivyReportOptions {
  /**
   * True when stratum ran Trivy itself on the image (`scan image`) and Trivy succeeded: Trivy leaves `Results`
   * out of its JSON when the image has nothing it can scan, and from that run an absent list means an empty one.
   */
  readonly fromOwnRun?: boolean;
}

/**
 * Validates a parsed Trivy JSON document; every problem names the file and the JSON path.
 *
 * An absent `Results` is refused (exit 2): a report cut short, hand-written or produced by a scan that never ran
 * looks exactly like that, so it cannot pass as clean. `Results: []` (an image with no packages Trivy knows) is
 * clean only when the report also names the artifact it speaks for, by name and digest, so "nothing found" is
 * always about a particular image.
 */
export function parseTrivyReport(document: Record<string, unknown>, file: string, options: TrivyReportOptions = {}): ScanReport {
  if (document.SchemaVersion !== 2) {
    throw new UserInputError(
      `${file}: Trivy report has SchemaVersion ${JSON.stringify(document.SchemaVersion)}; stratum reads SchemaVersion 2 (Trivy >= 0.20)`,
    );
  }
  const parsed = trivyReportSchema.safeParse(document);
  if (!parsed.success) {
    throw new UserInputError(
      parsed.error.issues.slice(0, 10).map((issue) => `${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`),
    );
  }
  const report = parsed.data;
  const identity = pickDigest(report.Metadata?.RepoDigests, report.Metadata?.ImageID);
  if (report.Results === undefined || report.Results === null) {
    if (!options.fromOwnRun) {
      throw new UserInputError(`${file}: no "Results" in the Trivy report, so it does not say what the scan found; expected "Results" (a list, [] when the image has nothing to scan), as \`trivy image --format json\` writes it`);
    }
  }
  if ((report.Results ?? []).length === 0 && (!report.ArtifactName?.trim() || identity.digest === null)) {
    throw new UserInputError(`${file}: empty "Results" for a report that does not name its artifact; a clean report must name the image (ArtifactName) and its digest (Metadata.RepoDigests or Metadata.ImageID)`);
  }
  const findings: Finding[] = (report.Results ?? []).flatMap((result) =>
    (result.Vulnerabilities ?? []).map((v) => ({
      id: v.VulnerabilityID,
      package: v.PkgName,
      installedVersion: v.InstalledVersion,
      fixedVersion: v.FixedVersion?.trim() ? v.FixedVersion : null,
      severity: v.Severity,
      title: v.Title ?? "",
      target: result.Target,
      status: v.Status ?? null,
    })),
  );
  return {
    file,
    format: "trivy-json",
    image: report.ArtifactName ?? null,
    ...identity,
    findings,
  };
}
