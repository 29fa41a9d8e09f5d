import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { nearestExisting } from "../lib/fs/make-directory.ts";
import { join, resolve } from "node:path";
import { parseFlags, oneOf } from "../lib/cli/args.ts";
import { UserInputError, isUserInputError } from "../lib/cli/errors.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import type { CommandIo } from "../lib/cli/command.ts";
import { writeFileAtomic } from "../lib/fs/write-atomic.ts";
import { listStacks } from "../lib/stack-config/stack-config.ts";
import { planStack, prepareStack, type PreparedStack } from "../lib/plan/plan-stack.ts";
import { loadProgram } from "../lib/plan/load-program.ts";
import { checkBaseStack, stackReferencesFor } from "../lib/plan/stack-references.ts";
import { summarize } from "../lib/plan/summary.ts";
import { renderText } from "../lib/plan/render-text.ts";
import { renderMarkdown } from "../lib/plan/render-markdown.ts";
import type { PlanReport } from "../lib/plan/model.ts";
import { blockingViolations } from "../policy/evaluate.ts";
import { renderPolicyMarkdown } from "../policy/render-markdown.ts";
import { allRules } from "../policy/rules/index.ts";
import { loadPolicyWaivers } from "../policy/waivers.ts";
import { takeWarnings } from "../components/warnings.ts";

const formats = ["table", "markdown", "json"] as const;
export const defaultOutDir = ".stratum/plan";

export const usage = `usage: stratum plan [--stack NAME | --all] [--format table|markdown|json] [--out DIR] [--waivers FILE]
       stratum plan diff --base REF [--stack NAME | --all] [--format table|markdown|json] [--out DIR]
       stratum plan diff OLD.json NEW.json   (see stratum plan diff --help)

Plans stacks offline: runs the Pulumi program (Pulumi.yaml's main) under Pulumi's mock runtime with each
stack's config from stacks/Pulumi.<stack>.yaml. No Pulumi CLI, credentials or network are used.
Writes <out>/<stack>.json and <out>/<stack>.md; prints the summary in --format (default table).

  --stack NAME   plan one stack
  --all          plan every stack in stacks/ (the default when --stack is not given)
  --format       table (default), markdown, or json
  --out DIR      where reports are written (default ${defaultOutDir})
  --waivers FILE policy waivers (default policy/waivers.yaml when it exists)

Exit codes: 0 planned, 1 a mandatory policy is violated, 2 bad input (config, stack name, flags).
`;

export async function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const { values } = parseFlags("stratum plan", argv, {
    stack: { type: "string" },
    all: { type: "boolean" },
    format: { type: "string" },
    out: { type: "string" },
    waivers: { type: "string" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout(usage);
    return ExitCode.ok;
  }
  if (values.stack !== undefined && values.all) throw new UserInputError("--stack and --all: give one, not both");
  const format = oneOf("--format", values.format, formats, "table");
  const root = io.cwd;
  const outDir = resolve(root, values.out ?? defaultOutDir);
  const stacks = values.stack !== undefined ? [values.stack] : listStacks(root);
  if (stacks.length === 0) throw new UserInputError(`no stacks to plan: ${join(root, "stacks")} has no Pulumi.<stack>.yaml files`);

  // Every stack's config is validated before any program runs, so bad input writes nothing.
  const prepared: PreparedStack[] = [];
  const problems: string[] = [];
  for (const stack of stacks) {
    try {
      const ready = prepareStack(root, stack);
      if (ready.spec.review.baseStack !== undefined) checkBaseStack(root, ready);
      prepared.push(ready);
    } catch (error) {
      if (!isUserInputError(error)) throw error;
      problems.push(...error.problems.map((p) => (stacks.length > 1 ? `${stack}: ${p}` : p)));
    }
  }
  if (problems.length > 0) throw new UserInputError(problems);

  const waivers = loadPolicyWaivers(root, values.waivers, allRules.map((r) => r.id));
  await ensureWritable(outDir);
  const program = await loadProgram(root);
  const reports: PlanReport[] = [];
  // Review stacks read their base stack's plan outputs: a base planned here is planned once.
  const planned = new Map<string, PlanReport>();
  const planOne = (p: PreparedStack) => planStack(p, program, { waivers, takeWarnings });
  for (const [index, stack] of prepared.entries()) {
    const started = performance.now();
    if (prepared.length > 1) io.stderr(`[${index + 1}/${prepared.length}] planning ${stack.stack} ... `);
    const stackReferences = await stackReferencesFor(root, stack, planned, planOne);
    const report = planned.get(stack.stack) ?? (await planStack(stack, program, { waivers, takeWarnings, stackReferences }));
    planned.set(stack.stack, report);
    reports.push(report);
    if (prepared.length > 1) io.stderr(`${summarize(report).total} resources (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
  }

  for (const report of reports) {
    const summary = summarize(report);
    await writeReport(join(outDir, `${report.stack}.json`), `${JSON.stringify(report, null, 2)}\n`);
    await writeReport(join(outDir, `${report.stack}.md`), markdownReport(report, summary));
  }
  io.stdout(renderStdout(format, reports));
  if (format !== "json") io.stderr(`reports written to ${outDir}\n`);
  const blocking = reports.flatMap((r) => blockingViolations(r.violations ?? []).map((v) => ({ stack: r.stack, ...v })));
  for (const v of blocking) io.stderr(`policy violation: ${v.stack}: ${v.rule}: ${v.urn}: ${v.message}\n`);
  return blocking.length > 0 ? ExitCode.blocked : ExitCode.ok;
}

/**
 * The output folder is checked before anything is planned, without creating it: a bad --out costs no time and
 * leaves nothing behind. Its nearest existing ancestor must be a folder this process may write in.
 */
async function ensureWritable(outDir: string): Promise<void> {
  const nearest = await nearestExisting(outDir);
  const problem = !nearest.isDirectory ? `${nearest.path} is not a folder` : await access(nearest.path, constants.W_OK).then(() => undefined, (error: NodeJS.ErrnoException) => `${nearest.path}: ${error.code}`);
  if (problem) throw new UserInputError(`--out ${outDir}: cannot write reports there (${problem})`);
}

async function writeReport(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw new UserInputError(`${file}: cannot write the report (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function markdownReport(report: PlanReport, summary: ReturnType<typeof summarize>): string {
  return renderMarkdown(report, summary, [renderPolicyMarkdown(report.violations ?? [], report.compliance ?? {})]);
}

function renderStdout(format: (typeof formats)[number], reports: readonly PlanReport[]): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2)}\n`;
    case "markdown":
      return reports.map((r) => markdownReport(r, summarize(r))).join("\n");
    case "table":
      return reports.map((r) => renderText(summarize(r), r.warnings, r.violations ?? [])).join("\n");
  }
}
