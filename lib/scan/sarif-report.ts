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
    // Any value: one that is not a CVSS score is refused below with a message that says so.
  properties: z.object({ "security-severity": z.unknown().optional(), tags: z.array(z.string()).optional() }).optional(),
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
  const findings: Finding[] = [];
  // One at a time: a spread of 100,000 findings into push() would overflow the call stack.
  runs.forEach((run, index) => {
    for (const finding of findingsOf(run, `${file}: runs[${index}]`)) findings.push(finding);
  });
  return {
    file,
    format: "sarif",
    image: first?.imageName ?? null,
    ...pickDigest(first?.repoDigests, first?.imageID),
    findings,
  };
}

/**
 * Fails closed on what would make a finding's severity a guess: a `security-severity` that is not a CVSS score
 * (text, infinite, outside 0-10), a `ruleIndex` that points past the rules or at another rule than `ruleId`,
 * and a result that states no severity anywhere.
 */
function findingsOf(run: Run, where: string): Finding[] {
  const rules = run.tool.driver.rules ?? [];
  rules.forEach((rule, i) => {
    const score = rule.properties?.["security-severity"];
    if (score !== undefined && cvssScore(score) === undefined) {
      throw new UserInputError(`${where}.tool.driver.rules[${i}] (${rule.id}): security-severity ${clip(JSON.stringify(score) ?? String(score))} is not a CVSS score; expected a number from 0.0 to 10.0`);
    }
  });
  return run.results.map((result, i) => {
    let rule: Rule | undefined;
    if (result.ruleIndex !== undefined) {
      rule = rules[result.ruleIndex];
      if (rule === undefined) throw new UserInputError(`${where}.results[${i}] (${result.ruleId}): ruleIndex ${result.ruleIndex} is past the ${rules.length} rules of the run`);
      if (rule.id !== result.ruleId) {
        throw new UserInputError(`${where}.results[${i}]: ruleIndex ${result.ruleIndex} names rule "${rule.id}" but ruleId is "${result.ruleId}"; the two must agree`);
      }
    } else {
      rule = rules.find((r) => r.id === result.ruleId);
    }
    const text = result.message.text;
    const severity = severityOf(text, rule);
    if (severity === undefined) {
      throw new UserInputError(`${where}.results[${i}] (${result.ruleId}): no severity ("Severity:" in the message, a severity tag or security-severity on its rule); an unrated finding cannot be gated`);
    }
    return {
      id: result.ruleId,
      package: field(text, "Package") ?? "unknown",
      installedVersion: field(text, "Installed Version") ?? "unknown",
      fixedVersion: field(text, "Fixed Version") ?? null,
      severity,
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
function severityOf(text: string, rule: Rule | undefined): FindingSeverity | undefined {
  const stated = parseSeverity(field(text, "Severity")) ?? rule?.properties?.tags?.map(parseSeverity).find((s) => s !== undefined);
  const score = rule?.properties?.["security-severity"];
  return stated ?? (score === undefined ? undefined : severityFromScore(cvssScore(score)));
}

/** A CVSS score, strictly: "9.8" or 9.8, finite, 0 to 10; anything else is undefined. */
function cvssScore(value: unknown): number | undefined {
  const number = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
  return Number.isFinite(number) && number >= 0 && number <= 10 ? number : undefined;
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
