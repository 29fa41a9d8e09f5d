import { constants } from "node:fs";
import { access } from "node:fs/promises";
import { nearestExisting } from "../lib/fs/make-directory.ts";
import { join, resolve } from "node:path";
import { parseFlags, oneOf } from "../lib/cli/args.ts";
import { UserInputError, isUserInputError } from "../lib/cli/errors.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import type { CommandIo } from "../lib/cli/command.ts";
import { FileWriteError, writeFilesAtomic } from "../lib/fs/write-atomic.ts";
import { listStacks } from "../lib/stack-config/stack-config.ts";
import { prepareStack, type PreparedStack } from "../lib/plan/prepare-stack.ts";
import { checkBaseStack, reviewBaseProblem } from "../lib/plan/stack-references.ts";
import { jobsVariable, PlanPool, planJobs } from "../lib/plan/plan-pool.ts";
import type { PlanStacksOptions } from "../lib/plan/plan-in-process.ts";
import { summarize } from "../lib/plan/summary.ts";
import { renderText } from "../lib/plan/render-text.ts";
import { renderMarkdown } from "../lib/plan/render-markdown.ts";
import type { PlanReport } from "../lib/plan/model.ts";
import { blockingViolations } from "../policy/evaluate.ts";
import { renderPolicyMarkdown } from "../policy/render-markdown.ts";
import { allRules } from "../policy/rules/index.ts";
import { loadPolicyWaivers } from "../policy/waivers.ts";

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

Stacks are planned in ${jobsVariable} processes at once (default: one per CPU, at most one per stack; each
loads the Pulumi SDK and its stacks' cloud SDK, a few hundred MB). ${jobsVariable}=1 plans them one after another in
this process. Reports are written only once every stack is planned: all of them, or none.

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
  const jobs = planJobs(io.env, stacks.length);
  // Several stacks go to several processes (one process plans one stack at a time: Pulumi's mock runtime is
  // process-global). They load the program while this one validates the config, and end whatever happens.
  const pool = jobs > 1 ? new PlanPool(root, jobs) : undefined;
  try {
    return await planStacks(root, stacks, values, format, outDir, io, pool);
  } finally {
    pool?.close();
  }
}

async function planStacks(root: string, stacks: readonly string[], values: { readonly waivers?: string | undefined }, format: (typeof formats)[number], outDir: string, io: CommandIo, pool: PlanPool | undefined): Promise<ExitCode> {
  // Every stack's config is validated before any program runs, so bad input writes nothing.
  const prepared: PreparedStack[] = [];
  const problems: string[] = [];
  // Among several stacks, each problem names its stack's file (once: a YAML error names it already).
  const named = (stack: string, list: readonly string[]) => {
    const file = join("stacks", `Pulumi.${stack}.yaml`);
    return list.map((p) => (stacks.length > 1 && !p.startsWith(`${file}: `) ? `${file}: ${p}` : p));
  };
  const bases = new Map<string, string>();
  for (const stack of stacks) {
    try {
      const ready = prepareStack(root, stack);
      if (ready.spec.review.baseStack !== undefined) bases.set(stack, checkBaseStack(root, ready));
      prepared.push(ready);
    } catch (error) {
      if (!isUserInputError(error)) throw error;
      problems.push(...named(stack, error.problems));
    }
  }
  for (const review of prepared) {
    const base = prepared.find((p) => p.stack === bases.get(review.stack));
    const problem = base && reviewBaseProblem(review, base);
    if (problem) problems.push(...named(review.stack, [problem]));
  }
  if (problems.length > 0) throw new UserInputError(problems);

  const waivers = loadPolicyWaivers(root, values.waivers, allRules.map((r) => r.id));
  await ensureWritable(outDir);
  const options: PlanStacksOptions = {
    waivers,
    onPlanned: (index, report, seconds) => {
      if (prepared.length > 1) io.stderr(`[${index + 1}/${prepared.length}] planning ${report.stack} ... ${summarize(report).total} resources (${seconds.toFixed(1)} s)\n`);
    },
  };
  // Only the in-process path loads the Pulumi SDK in this process.
  const reports = pool ? await pool.plan(prepared, options) : await (await import("../lib/plan/plan-in-process.ts")).planInProcess(root, prepared, options);

  await writeReports(reports.flatMap((report) => [
    { path: join(outDir, `${report.stack}.json`), text: `${JSON.stringify(report, null, 2)}\n` },
    { path: join(outDir, `${report.stack}.md`), text: markdownReport(report, summarize(report)) },
  ]));
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

/** Every stack's reports, or none: a run never leaves one stack's new report beside another's old one. */
async function writeReports(files: readonly { readonly path: string; readonly text: string }[]): Promise<void> {
  try {
    await writeFilesAtomic(files);
  } catch (error) {
    if (!(error instanceof FileWriteError)) throw error;
    throw new UserInputError(`${error.file}: cannot write the report (${error.code ?? String(error.cause)})`);
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
