import { z } from "zod";
import { UserInputError } from "../cli/errors.ts";
import { pickDigest } from "./digest.ts";
import { parseSeverity, severityFromScore, type FindingSeverity } from "./severity.ts";
import type { Finding, ScanReport } from "./finding.ts";

/**
 * Trivy's SARIF 2.1.0 output (`trivy image --format sarif`). SARIF has no fields for the package, versions or
 * status, so Trivy writes them into each result's message text ("Package: …\nInstalled Version: …\nFixed
 * Version: …"); they are parsed from there. What SARIF lacks: Trivy's `Status` (always null here).
 */
const ruleSchema = z.object({
  id: z.string(),
  shortDescription: z.object({ text: z.string() }).optional(),
  properties: z.object({ "security-severity": z.union([z.string(), z.number()]).optional(), tags: z.array(z.string()).optional() }).optional(),
});

const resultSchema = z.object({
  ruleId: z.string().min(1),
  ruleIndex: z.number().int().optional(),
  message: z.object({ text: z.string() }),
  locations: z.array(z.object({ physicalLocation: z.object({ artifactLocation: z.object({ uri: z.string() }).optional() }).optional() })).optional(),
});

const runSchema = z.object({
  tool: z.object({ driver: z.object({ name: z.string(), rules: z.array(ruleSchema).optional() }) }),
  // A run without `results` means the tool did not say what it found: that is not a clean scan.
  results: z.array(resultSchema),
  properties: z
    .object({ imageName: z.string().nullish(), imageID: z.string().nullish(), repoDigests: z.array(z.string()).nullish() })
    .optional(),
});

const sarifSchema = z.object({ version: z.literal("2.1.0"), runs: z.array(z.unknown()) });

type Run = z.infer<typeof runSchema>;
type Rule = z.infer<typeof ruleSchema>;

export function parseSarifReport(document: Record<string, unknown>, file: string): ScanReport {
  const top = sarifSchema.safeParse(document);
  if (!top.success) {
    const problem = document.version !== "2.1.0" ? `SARIF version ${JSON.stringify(document.version)}; stratum reads SARIF 2.1.0` : `"runs" is not a list`;
    throw new UserInputError(`${file}: ${problem}`);
  }
  if (top.data.runs.length === 0) throw new UserInputError(`${file}: SARIF file has no runs, so it says nothing about the image`);
  const runs = top.data.runs.map((raw, index) => {
    const run = runSchema.safeParse(raw);
    if (!run.success) {
      const issue = run.error.issues[0];
      throw new UserInputError(`${file}: runs[${index}].${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`);
    }
    if (run.data.tool.driver.name !== "Trivy") {
      throw new UserInputError(`${file}: runs[${index}] is from "${run.data.tool.driver.name}", not Trivy; stratum gates Trivy SARIF only`);
    }
    return run.data;
  });
  const first = runs[0]?.properties;
  return {
    file,
    format: "sarif",
    image: first?.imageName ?? null,
    ...pickDigest(first?.repoDigests, first?.imageID),
    findings: runs.flatMap(findingsOf),
  };
}

function findingsOf(run: Run): Finding[] {
  const rules = run.tool.driver.rules ?? [];
  return run.results.map((result) => {
    const rule = (result.ruleIndex !== undefined ? rules[result.ruleIndex] : undefined) ?? rules.find((r) => r.id === result.ruleId);
    const text = result.message.text;
    return {
      id: result.ruleId,
      package: field(text, "Package") ?? "unknown",
      installedVersion: field(text, "Installed Version") ?? "unknown",
      fixedVersion: field(text, "Fixed Version") ?? null,
      severity: severityOf(text, rule),
      title: rule?.shortDescription?.text ?? "",
      target: result.locations?.[0]?.physicalLocation?.artifactLocation?.uri ?? "",
      status: null,
    };
  });
}

/** `Name: value` on its own line of the message; an empty value is absent. */
function field(text: string, name: string): string | undefined {
  const value = new RegExp(`^${name}:[ \\t]*(.*)$`, "m").exec(text)?.[1]?.trim();
  return value ? value : undefined;
}

/**
 * Trivy's own severity first (the message's "Severity:" line, else the rule's severity tag), so the SARIF and
 * JSON reports of one scan gate alike; `security-severity` is a CVSS score that can rate a vendor-LOW finding
 * HIGH, so it is only the fallback.
 */
function severityOf(text: string, rule: Rule | undefined): FindingSeverity {
  const stated = parseSeverity(field(text, "Severity")) ?? rule?.properties?.tags?.map(parseSeverity).find((s) => s !== undefined);
  return stated ?? severityFromScore(rule?.properties?.["security-severity"]);
}
