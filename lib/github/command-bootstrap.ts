import type { CommandIo } from "../cli/command.ts";
import { argsAfterVerb, parseFlags } from "../cli/args.ts";
import { UserInputError } from "../cli/errors.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { desiredRepository } from "./bootstrap-config.ts";
import { planBootstrap } from "./bootstrap.ts";
import { createGithubClient } from "./client.ts";
import { readInputFile } from "../fs/read-input.ts";
import { repositoryName, resolveRepository } from "./repository.ts";
import { checkStackName } from "../stack-config/stack-name.ts";

const usage =
  "usage: stratum bootstrap github [--repo OWNER/NAME] [--config FILE] [--reviewers LOGIN,team:ORG/SLUG] [--staging-reviewers ...]\n" +
  "       [--outputs STACK=FILE]... [--variable NAME=VALUE]... [--branch main] [--apply]";

/**
 * `stratum bootstrap github`: environments, the default-branch ruleset and the Actions variables the generated
 * workflows need. A dry run unless `--apply`; only the calls that change something are made, so a second
 * `--apply` reports "no changes".
 */
export async function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const rest = argsAfterVerb("bootstrap", "github", argv, usage, io.stdout);
  if (rest === undefined) return ExitCode.ok;
  const { values } = parseFlags("bootstrap github", rest, {
    repo: { type: "string" },
    config: { type: "string" },
    reviewers: { type: "string" },
    "staging-reviewers": { type: "string" },
    outputs: { type: "string", multiple: true },
    variable: { type: "string", multiple: true },
    branch: { type: "string" },
    apply: { type: "boolean" },
  });
  const outputs = [];
  for (const pair of values.outputs ?? []) {
    const match = /^([^=]+)=(.+)$/.exec(pair);
    if (!match) throw new UserInputError(`--outputs: got "${pair}", expected STACK=FILE (a \`pulumi stack output --json\` file)`);
    // The stack names an Actions variable (STRATUM_<STACK>_DEPLOY_IDENTITY): the same pattern as a stack file's name.
    outputs.push({ stack: checkStackName("--outputs", match[1] as string), file: match[2] as string, text: await readInputFile(io.cwd, match[2] as string, "--outputs") });
  }
  const desired = desiredRepository({
    ...(values.config ? { config: { file: values.config, text: await readInputFile(io.cwd, values.config, "--config") } } : {}),
    ...(values.reviewers !== undefined ? { reviewers: values.reviewers } : {}),
    ...(values["staging-reviewers"] !== undefined ? { stagingReviewers: values["staging-reviewers"] } : {}),
    ...(values.branch ? { branch: values.branch } : {}),
    outputs,
    variables: values.variable ?? [],
  });
  const ref = resolveRepository(values.repo, io);
  const octokit = createGithubClient(io);
  const changes = await planBootstrap(octokit, ref, desired);
  const name = repositoryName(ref);
  if (changes.length === 0) {
    io.stdout(`no changes: ${name} already has the environments, ruleset and variables the workflows need\n`);
    return ExitCode.ok;
  }
  for (const change of changes) io.stdout(`${change.summary}\n`);
  if (!values.apply) {
    io.stdout(`dry run: ${changes.length} change(s) to ${name}; run again with --apply to make them\n`);
    return ExitCode.ok;
  }
  for (const change of changes) await change.apply();
  io.stdout(`applied ${changes.length} change(s) to ${name}\n`);
  return ExitCode.ok;
}
