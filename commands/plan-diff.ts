import { join, resolve } from "node:path";
import { oneOf, parseFlags } from "../lib/cli/args.ts";
import type { CommandIo } from "../lib/cli/command.ts";
import { UserInputError } from "../lib/cli/errors.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import { readInputFile } from "../lib/fs/read-input.ts";
import { writeFileAtomic } from "../lib/fs/write-atomic.ts";
import { withBaseWorktree } from "../lib/plan/diff/base-worktree.ts";
import { comparePlans } from "../lib/plan/diff/compare-plans.ts";
import { diffFormatVersion, diffKind, type PlanDiff, type StackDiff } from "../lib/plan/diff/diff-model.ts";
import { planSide } from "../lib/plan/diff/plan-side.ts";
import { planJobs } from "../lib/plan/plan-pool.ts";
import { readPlan } from "../lib/plan/diff/read-plan.ts";
import { renderDiffMarkdown, renderDiffText } from "../lib/plan/diff/render-diff.ts";
import type { PlanReport } from "../lib/plan/model.ts";
import { listStacks } from "../lib/stack-config/stack-config.ts";

const formats = ["table", "markdown", "json"] as const;
export const defaultDiffOutDir = ".stratum/plan-diff";

export const usage = `usage: stratum plan diff --base REF [--stack NAME | --all] [--format table|markdown|json] [--out DIR]
       stratum plan diff OLD.json NEW.json [--format table|markdown|json] [--out DIR]

Compares two offline plans resource by resource: creates, deletes, updates (each changed input with its old and
new value; secrets as [secret] on both sides, compared by fingerprint), replacements (a changed URN, with the
alias that keeps the resource, and inputs the provider replaces on) and policy (violations introduced and fixed,
compliance controls whose status changed).

  --base REF     plan the working tree and git revision REF (checked out into a temporary worktree with the
                 same node_modules, removed afterwards) and compare them stack by stack
  --stack NAME   compare one stack; --all (the default) every stack in either revision
  OLD.json NEW.json
                 two plan files (stratum plan --format json): two revisions of a stack, matched by URN, or two
                 stacks (dev-aws and prod-aws), matched by type and logical name
  --format       table (default), markdown, or json (the diff.json format)
  --out DIR      where diff.json and diff.md are written (default ${defaultDiffOutDir})

Exit codes: 0 compared (with or without changes), 1 the new side introduces a mandatory policy violation,
2 bad input (unknown ref, unreadable plan file, plans of different format versions, flags).
`;

export async function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseFlags(
    "stratum plan diff",
    argv,
    { base: { type: "string" }, stack: { type: "string" }, all: { type: "boolean" }, format: { type: "string" }, out: { type: "string" }, help: { type: "boolean", short: "h" } },
    true,
  );
  if (values.help) {
    io.stdout(usage);
    return ExitCode.ok;
  }
  const format = oneOf("--format", values.format, formats, "table");
  const outDir = resolve(io.cwd, values.out ?? defaultDiffOutDir);
  let diff: PlanDiff;
  if (values.base !== undefined) {
    if (positionals.length > 0) throw new UserInputError(`plan diff: --base compares revisions; plan files (${positionals.join(", ")}) are the other form: give one or the other`);
    if (values.stack !== undefined && values.all) throw new UserInputError("--stack and --all: give one, not both");
    diff = await diffRevisions(io, values.base, values.stack);
  } else {
    if (values.stack !== undefined || values.all) throw new UserInputError("plan diff OLD.json NEW.json: --stack and --all go with --base");
    if (positionals.length !== 2) throw new UserInputError(`plan diff: expected --base REF or two plan files OLD.json NEW.json, got ${positionals.length} file(s)\n${usage}`);
    diff = await diffFiles(io, positionals[0] as string, positionals[1] as string);
  }
  const json = `${JSON.stringify(diff, null, 2)}\n`;
  await writeOut(join(outDir, "diff.json"), json);
  await writeOut(join(outDir, "diff.md"), renderDiffMarkdown(diff));
  io.stdout(format === "json" ? json : format === "markdown" ? renderDiffMarkdown(diff) : renderDiffText(diff));
  if (format !== "json") io.stderr(`diff written to ${outDir}\n`);
  const introduced = diff.stacks.flatMap((s) => s.policy.introduced.filter((v) => v.enforcement === "mandatory" && !v.waived).map((v) => ({ stack: s.stack, ...v })));
  for (const v of introduced) io.stderr(`policy violation introduced: ${v.stack}: ${v.rule}: ${v.urn}: ${v.message}\n`);
  return introduced.length > 0 ? ExitCode.blocked : ExitCode.ok;
}

async function diffFiles(io: CommandIo, oldFile: string, newFile: string): Promise<PlanDiff> {
  const old = readPlan(oldFile, await readInputFile(io.cwd, oldFile, "plan diff"));
  const next = readPlan(newFile, await readInputFile(io.cwd, newFile, "plan diff"));
  const by = old.stack === next.stack ? "urn" : "name";
  return wrap(oldFile, newFile, by, [comparePlans(old, next, by)]);
}

async function diffRevisions(io: CommandIo, ref: string, stack: string | undefined): Promise<PlanDiff> {
  const root = io.cwd;
  const headStacks = listStacks(root);
  return withBaseWorktree(root, ref, async (base) => {
    const baseStacks = listStacks(base.root);
    if (stack !== undefined && !headStacks.includes(stack) && !baseStacks.includes(stack)) {
      throw new UserInputError(`--stack ${stack}: no stacks/Pulumi.${stack}.yaml in the working tree or in ${ref}`);
    }
    const planned = (has: readonly string[]) => (stack === undefined ? has.length > 0 : has.includes(stack));
    // Both sides at once, so the diff costs about one plan's time on two cores; the plan processes (STRATUM_PLAN_JOBS,
    // one per CPU by default) are shared between them, so the two sides together do not load more SDKs than cores.
    const jobs = Math.max(1, Math.floor(planJobs(io.env, Number.MAX_SAFE_INTEGER) / [baseStacks, headStacks].filter(planned).length));
    const side = (has: readonly string[], where: string, label: string) => (planned(has) ? planSide(where, label, stack ?? "all", jobs) : Promise.resolve(new Map<string, PlanReport>()));
    const [olds, news] = await Promise.all([side(baseStacks, base.root, `${ref} (${base.commit.slice(0, 12)})`), side(headStacks, root, "working tree")]);
    const names = [...new Set([...olds.keys(), ...news.keys()])].sort();
    const stacks: StackDiff[] = names.map((name) => comparePlans(olds.get(name), news.get(name), "urn"));
    return wrap(`${ref} (${base.commit.slice(0, 12)})`, "working tree", "urn", stacks);
  });
}

function wrap(old: string, next: string, matchBy: "urn" | "name", stacks: StackDiff[]): PlanDiff {
  return { kind: diffKind, formatVersion: diffFormatVersion, old, new: next, matchBy, stacks };
}

async function writeOut(file: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(file, text);
  } catch (error) {
    throw new UserInputError(`${file}: cannot write the diff (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
