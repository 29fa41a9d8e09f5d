import { readdir } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { CommandIo } from "../cli/command.ts";
import { argsAfterVerb, parseFlags } from "../cli/args.ts";
import { UserInputError } from "../cli/errors.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { createGithubClient } from "./client.ts";
import { reportDrift } from "./drift.ts";
import { readChanges } from "./preview/read-changes.ts";
import { readInputFile } from "../fs/read-input.ts";
import { repositoryName, resolveRepository } from "./repository.ts";
import { checkStackName } from "../stack-config/stack-name.ts";

const usage = "usage: stratum drift report [--repo OWNER/NAME] [--run-url URL] (--results DIR | STACK.json...)";

/**
 * `stratum drift report`: reads `pulumi preview --expect-no-changes --json` output per stack (`<stack>.json`; the
 * file name is the stack name) and keeps one GitHub issue per drifted stack. Exit 1 when any stack drifted.
 */
export async function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const rest = argsAfterVerb("drift", "report", argv, usage, io.stdout);
  if (rest === undefined) return ExitCode.ok;
  const { values, positionals } = parseFlags("drift report", rest, { repo: { type: "string" }, results: { type: "string" }, "run-url": { type: "string" } }, true);
  const files = [...positionals];
  if (values.results) {
    let names: string[];
    try {
      names = await readdir(resolve(io.cwd, values.results));
    } catch (error) {
      throw new UserInputError(`--results ${values.results}: cannot read the directory (${(error as NodeJS.ErrnoException).code ?? error})`);
    }
    files.push(...names.filter((n) => n.endsWith(".json")).sort().map((n) => join(values.results as string, n)));
  }
  if (files.length === 0) throw new UserInputError(`drift report: no preview results given; ${usage}`);
  const results = [];
  for (const file of files) {
    // The preview's URNs carry the stack's short name; the file name is what the workflow chose, so it wins.
    // It becomes an issue title and marker, so it is held to the stack name pattern before anything is read.
    const stack = checkStackName(`drift report: ${JSON.stringify(file)}`, basename(file, ".json"));
    const changes = readChanges(file, await readInputFile(io.cwd, file, "drift report"));
    results.push({ ...changes, stack });
  }
  const ref = resolveRepository(values.repo, io);
  const outcomes = await reportDrift(createGithubClient(io), ref, results, values["run-url"]);
  for (const o of outcomes) io.stdout(`${o.stack}: ${o.outcome}${o.issue ? ` (${repositoryName(ref)}#${o.issue})` : ""}\n`);
  return outcomes.some((o) => o.outcome === "opened" || o.outcome === "updated" || o.outcome === "unchanged") ? ExitCode.blocked : ExitCode.ok;
}
