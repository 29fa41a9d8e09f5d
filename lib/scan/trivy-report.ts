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
  // Trivy omits Results, or a result's Vulnerabilities, when there is nothing to report.
  Results: z
    .array(z.object({ Target: z.string(), Vulnerabilities: z.array(vulnerabilitySchema).nullish() }))
    .nullish(),
});

/** Validates a parsed Trivy JSON document; every problem names the file and the JSON path. */
export function parseTrivyReport(document: Record<string, unknown>, file: string): ScanReport {
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
    ...pickDigest(report.Metadata?.RepoDigests, report.Metadata?.ImageID),
    findings,
  };
}
