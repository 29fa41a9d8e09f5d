import type { CommandIo } from "../cli/command.ts";
import { argsAfterVerb, parseFlags, positiveInteger } from "../cli/args.ts";
import { UserInputError } from "../cli/errors.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { createGithubClient } from "./client.ts";
import { execFileExecutor, type Executor } from "./executor.ts";
import { decideReviewStacks, destroyCommands, reviewOutputsOf, reviewPullNumber, teardownCommands, type StackSummary } from "./janitor.ts";
import { reviewDatabaseSchema } from "../../components/review/names.ts";
import { readInputFile, parseJson } from "../fs/read-input.ts";
import { resolveRepository } from "./repository.ts";

const usage = "usage: stratum review janitor [--repo OWNER/NAME] [--stacks-json FILE] [--stack pr-N] [--ttl-hours 72] [--apply]";

export function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  return runJanitor(argv, io, execFileExecutor, new Date());
}

/**
 * `stratum review janitor`: lists review stacks (`pr-<number>`) and destroys those whose pull request is closed
 * or whose TTL passed. A dry run unless `--apply`. Exit 1 when a destroy failed (the others are still tried).
 */
export async function runJanitor(argv: readonly string[], io: CommandIo, exec: Executor, now: Date): Promise<ExitCode> {
  const rest = argsAfterVerb("review", "janitor", argv, usage, io.stdout);
  if (rest === undefined) return ExitCode.ok;
  const { values } = parseFlags("review janitor", rest, {
    repo: { type: "string" },
    "stacks-json": { type: "string" },
    "ttl-hours": { type: "string" },
    stack: { type: "string" },
    apply: { type: "boolean" },
  });
  const only = values.stack;
  if (only !== undefined && reviewPullNumber(only) === undefined) throw new UserInputError(`--stack: got "${only}", expected a review stack name pr-<number> (or org/project/pr-<number>)`);
  const ttlHours = values["ttl-hours"] === undefined ? 72 : positiveInteger("--ttl-hours", values["ttl-hours"]);
  const ref = resolveRepository(values.repo, io);
  const file = values["stacks-json"];
  const listed = parseStacks(file ?? "pulumi stack ls --json", file ? await readInputFile(io.cwd, file, "--stacks-json") : await listStacks(exec));
  // --stack: the review workflow's teardown of one closed pull request's stack.
  const stacks = only === undefined ? listed : listed.filter((s) => s.name === only || s.name.split("/").pop() === only);
  const decisions = await decideReviewStacks(createGithubClient(io), ref, stacks, ttlHours, now);
  const doomed = decisions.filter((d) => d.reason !== undefined);
  for (const d of decisions) io.stdout(d.reason ? `- destroy ${d.stack}: ${d.reason}\n` : `= keep ${d.stack}: ${d.keepReason}\n`);
  if (doomed.length === 0) {
    io.stdout(`no review stacks to destroy (${decisions.length} review stack(s) checked)\n`);
    return ExitCode.ok;
  }
  if (!values.apply) {
    io.stdout(`dry run: ${doomed.length} review stack(s) would be destroyed; run again with --apply\n`);
    return ExitCode.ok;
  }
  let destroyed = 0;
  let teardownsFailed = 0;
  for (const d of doomed) {
    if (!(await tearDown(exec, io, d.stack))) teardownsFailed += 1;
    let ok = true;
    for (const command of destroyCommands(d.stack)) {
      const result = await runPulumi(exec, command.program, command.args);
      if (result.code !== 0) {
        io.stderr(`error: ${failure(command, result)}\n`);
        ok = false;
        break;
      }
    }
    if (ok) destroyed += 1;
  }
  io.stdout(`destroyed ${destroyed} of ${doomed.length} review stack(s)\n`);
  return destroyed < doomed.length || teardownsFailed > 0 ? ExitCode.blocked : ExitCode.ok;
}

function failure(command: { program: string; args: readonly string[] }, result: { code: number; stderr: string }): string {
  return `\`${command.program} ${command.args.join(" ")}\` exited ${result.code}: ${result.stderr.trim().split("\n").at(-1) ?? ""}`;
}

/**
 * Drops the review environment's database schema before its stack is destroyed (see `teardownCommands`). A
 * stack whose outputs name no base stack is destroyed without it, with a warning. False when the teardown
 * failed: the stack is destroyed anyway, so an environment that cannot update does not live forever, and the
 * error names the schema left behind.
 */
async function tearDown(exec: Executor, io: CommandIo, stack: string): Promise<boolean> {
  const outputs = await runPulumi(exec, "pulumi", ["stack", "output", "--json", "--stack", stack]);
  const review = outputs.code === 0 ? reviewOutputsOf(outputs.stdout) : undefined;
  if (!review) {
    io.stderr(`warning: ${stack}: its outputs name no base stack and pull request; destroyed without dropping a database schema\n`);
    return true;
  }
  for (const command of teardownCommands(stack, review)) {
    const result = await runPulumi(exec, command.program, command.args);
    if (result.code !== 0) {
      io.stderr(`error: ${stack}: teardown failed, schema ${reviewDatabaseSchema(review.pullRequest)} may remain in the base stack's database (drop it by hand): ${failure(command, result)}\n`);
      return false;
    }
  }
  return true;
}

async function runPulumi(exec: Executor, program: string, args: readonly string[]) {
  try {
    return await exec(program, args);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UserInputError(`the Pulumi CLI (\`${program}\`) is not on PATH; install it, or pass --stacks-json FILE (the output of \`pulumi stack ls --json\`) for a dry run`);
    }
    throw error;
  }
}

async function listStacks(exec: Executor): Promise<string> {
  const result = await runPulumi(exec, "pulumi", ["stack", "ls", "--json"]);
  if (result.code !== 0) throw new UserInputError(`\`pulumi stack ls --json\` exited ${result.code}: ${result.stderr.trim()}`);
  return result.stdout;
}

function parseStacks(source: string, text: string): StackSummary[] {
  const data = parseJson(text, source, "`pulumi stack ls --json` output");
  if (!Array.isArray(data) || !data.every((s) => typeof s === "object" && s !== null && typeof s.name === "string")) {
    throw new UserInputError(`${source}: expected an array of {"name", "lastUpdate", ...} as \`pulumi stack ls --json\` prints`);
  }
  return data.map((s) => ({ name: s.name as string, ...(typeof s.lastUpdate === "string" ? { lastUpdate: s.lastUpdate as string } : {}) }));
}
