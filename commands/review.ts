import type { CommandIo } from "../lib/cli/command.ts";
import { argsAfterVerb, parseFlags, positiveInteger } from "../lib/cli/args.ts";
import { UserInputError } from "../lib/cli/errors.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import { createGithubClient } from "../lib/github/client.ts";
import { execFileExecutor, type Executor } from "../lib/github/executor.ts";
import { decideReviewStacks, destroyCommands, type StackSummary } from "../lib/github/janitor.ts";
import { readInputFile, parseJson } from "../lib/fs/read-input.ts";
import { resolveRepository } from "../lib/github/repository.ts";

const usage = "usage: stratum review janitor [--repo OWNER/NAME] [--stacks-json FILE] [--ttl-hours 72] [--apply]";

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
    apply: { type: "boolean" },
  });
  const ttlHours = values["ttl-hours"] === undefined ? 72 : positiveInteger("--ttl-hours", values["ttl-hours"]);
  const ref = resolveRepository(values.repo, io);
  const file = values["stacks-json"];
  const stacks = parseStacks(file ?? "pulumi stack ls --json", file ? await readInputFile(io.cwd, file, "--stacks-json") : await listStacks(exec));
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
  let failed = 0;
  for (const d of doomed) {
    for (const command of destroyCommands(d.stack)) {
      const result = await runPulumi(exec, command.program, command.args);
      if (result.code !== 0) {
        io.stderr(`error: \`${command.program} ${command.args.join(" ")}\` exited ${result.code}: ${result.stderr.trim().split("\n").at(-1) ?? ""}\n`);
        failed += 1;
        break;
      }
    }
  }
  io.stdout(`destroyed ${doomed.length - failed} of ${doomed.length} review stack(s)\n`);
  return failed > 0 ? ExitCode.blocked : ExitCode.ok;
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
