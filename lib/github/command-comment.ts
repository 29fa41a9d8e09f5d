import type { CommandIo } from "../cli/command.ts";
import { parseFlags, positiveInteger } from "../cli/args.ts";
import { UserInputError } from "../cli/errors.ts";
import { ExitCode } from "../cli/exit-codes.ts";
import { createGithubClient } from "./client.ts";
import { readChanges } from "./preview/read-changes.ts";
import { renderComment } from "./preview/render-comment.ts";
import { readScanVerdicts } from "./preview/scan-verdicts.ts";
import { readInputFile } from "../fs/read-input.ts";
import { repositoryName, resolveRepository } from "./repository.ts";
import { upsertStickyComment } from "./sticky-comment.ts";

/** Hidden in the rendered comment; how a re-run finds the comment it wrote before. */
export const previewMarker = "<!-- stratum:preview -->";

const usage = "usage: stratum comment --pr N [--repo OWNER/NAME] [--verdict FILE]... [--details-url URL] [--print] FILE...";

/**
 * `stratum comment --pr N FILE...`: renders offline plans and/or `pulumi preview --json` outputs into one sticky
 * pull-request comment. `--print` writes the body to stdout instead of calling GitHub.
 */
export async function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  const { values, positionals } = parseFlags(
    "comment",
    argv,
    {
      pr: { type: "string" },
      repo: { type: "string" },
      verdict: { type: "string", multiple: true },
      "details-url": { type: "string" },
      print: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help) {
    io.stdout(`${usage}\n`);
    return ExitCode.ok;
  }
  if (positionals.length === 0) throw new UserInputError(`comment: no plan or preview files given; ${usage}`);
  const stacks = [];
  for (const file of positionals) stacks.push(readChanges(file, await readInputFile(io.cwd, file, "comment")));
  const verdicts = [];
  for (const file of values.verdict ?? []) verdicts.push(...readScanVerdicts(file, await readInputFile(io.cwd, file, "--verdict")));
  const detailsUrl = values["details-url"];
  const { body, collapsed } = renderComment({ stacks, verdicts, marker: previewMarker, ...(detailsUrl ? { detailsUrl } : {}) });

  if (values.print) {
    io.stdout(body);
    return ExitCode.ok;
  }
  const pr = positiveInteger("--pr", values.pr);
  const ref = resolveRepository(values.repo, io);
  const result = await upsertStickyComment(createGithubClient(io), ref, pr, previewMarker, body);
  const removed = result.removedDuplicates > 0 ? `; removed ${result.removedDuplicates} duplicate(s)` : "";
  io.stdout(`comment ${result.outcome} on ${repositoryName(ref)}#${pr}: ${result.url} (${body.length} characters${collapsed ? `, collapsed: ${collapsed}` : ""}${removed})\n`);
  return ExitCode.ok;
}
