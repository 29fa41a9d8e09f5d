import { appendFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { oneOf, parseFlags } from "../cli/args.ts";
import { UserInputError } from "../cli/errors.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { loadWaivers } from "../waivers/load-waivers.ts";
import { utcToday } from "../waivers/match.ts";
import { renderAnnotations } from "./annotations.ts";
import { decide } from "./gate.ts";
import { loadReport } from "./load-report.ts";
import { renderMarkdown } from "./render-markdown.ts";
import { renderText } from "./render-text.ts";
import { runTrivy } from "./run-trivy.ts";
import { thresholds } from "./severity.ts";
import { resolveFailOn } from "./threshold.ts";
import { buildVerdict, readVerdictFile, verdictKey, writeVerdictFile } from "./verdict.ts";
import { writeFileAtomic } from "../fs/write-atomic.ts";
import type { CommandIo } from "../cli/command.ts";
import type { ScanReport } from "./finding.ts";

export const usage = `usage: stratum scan report FILE [flags]     gate an existing Trivy JSON (SchemaVersion 2) or SARIF 2.1.0 report
       stratum scan image REF [flags]       run \`trivy image\` (JSON) on REF and gate its report

flags:
  --fail-on critical|high|medium|low  lowest severity that blocks (UNKNOWN blocks at medium and low).
                                      Default: the --stack's threshold, else high (prod's, so a forgotten flag
                                      never loosens the gate)
  --stack NAME                        read stacks/Pulumi.NAME.yaml: stratum:scan.failOn, else the threshold of
                                      its stratum:environment profile (dev critical, staging/prod high)
  --ignore-unfixed                    skip findings that have no fixed version (default: they block)
  --waivers FILE                      YAML waivers (same format as policy/waivers.yaml); expired ones block
  --verdict FILE                      write the verdict JSON, merged into FILE keyed by image digest
  --markdown FILE                     write the Markdown summary (for the pull-request comment)
  --skip-db-update                    scan image only: do not download Trivy's DB (cached CI runs)

Markdown is also appended to $GITHUB_STEP_SUMMARY when set; one ::error line is printed per blocking finding.
Exit codes: 0 pass, 1 blocked, 2 bad input (a missing or invalid report never passes).
`;

const flags = {
  "fail-on": { type: "string" },
  stack: { type: "string" },
  "ignore-unfixed": { type: "boolean" },
  waivers: { type: "string" },
  verdict: { type: "string" },
  markdown: { type: "string" },
  "skip-db-update": { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export async function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const [mode, ...rest] = argv;
  if (mode === undefined || mode === "--help" || mode === "-h" || mode === "help") {
    io.stdout(usage);
    return mode === undefined ? ExitCode.badInput : ExitCode.ok;
  }
  if (mode !== "report" && mode !== "image") throw new UserInputError(`scan: unknown mode "${mode}"; expected "report FILE" or "image REF"`);
  const { values, positionals } = parseFlags(`scan ${mode}`, rest, flags, true);
  if (values.help) {
    io.stdout(usage);
    return ExitCode.ok;
  }
  const target = positionals[0];
  if (target === undefined || positionals.length > 1) {
    throw new UserInputError(`scan ${mode}: expected exactly one ${mode === "report" ? "FILE" : "image REF"}, got ${positionals.length}`);
  }
  if (mode === "report" && values["skip-db-update"]) throw new UserInputError("--skip-db-update: only `scan image` runs Trivy");
  const resolve = (file: string) => path.resolve(io.cwd, file);

  // Every input is read and checked before anything is decided or written.
  const flagFailOn = values["fail-on"] === undefined ? undefined : oneOf("--fail-on", values["fail-on"], thresholds, "high");
  const failOn = await resolveFailOn(flagFailOn, values.stack, io.cwd);
  const waivers = values.waivers ? await loadWaivers(resolve(values.waivers)) : [];
  const verdictFile = values.verdict ? resolve(values.verdict) : undefined;
  const existingVerdicts = verdictFile ? await readVerdictFile(verdictFile) : {};
  // For `scan image` the reference given is the image's name, whatever Trivy recorded as its ArtifactName.
  const report = mode === "report" ? await loadReport(resolve(target)) : { ...(await scanImage(target, values["skip-db-update"] ?? false, io)), image: target };

  const decision = decide(report, { failOn, ignoreUnfixed: values["ignore-unfixed"] ?? false, waivers, today: utcToday() });
  io.stdout(renderText(report, decision));
  // The one place stratum emits workflow commands on purpose; everything else it prints is guarded (lib/cli/main.ts).
  (io.workflowCommand ?? io.stdout)(renderAnnotations(decision));

  const markdown = renderMarkdown(report, decision);
  const markdownFile = values.markdown ? resolve(values.markdown) : undefined;
  if (markdownFile) await writing(markdownFile, () => writeFileAtomic(markdownFile, markdown));
  if (verdictFile) await writing(verdictFile, () => writeVerdictFile(verdictFile, existingVerdicts, verdictKey(report), buildVerdict(report, decision)));
  const stepSummary = io.env.GITHUB_STEP_SUMMARY;
  if (stepSummary) await writing(stepSummary, () => appendFile(stepSummary, markdown));
  return decision.verdict === "pass" ? ExitCode.ok : ExitCode.blocked;
}

/**
 * An output that cannot be written is exit 2, not a pass: the deploy would find no verdict, or an old one.
 */
async function writing(file: string, write: () => Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw new UserInputError(`${file}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Runs Trivy into a private temp dir and reads its report through the same fail-closed loader as `scan report`. */
async function scanImage(image: string, skipDbUpdate: boolean, io: CommandIo): Promise<ScanReport> {
  const dir = await mkdtemp(path.join(tmpdir(), "stratum-scan-"));
  try {
    const output = path.join(dir, "trivy.json");
    await runTrivy({ image, output, skipDbUpdate, env: io.env });
    return await loadReport(output, { fromOwnRun: true });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
