import type { CommandIo } from "../lib/cli/command.ts";
import { parseFlags, positiveInteger } from "../lib/cli/args.ts";
import { UserInputError } from "../lib/cli/errors.ts";
import { ExitCode } from "../lib/cli/exit-codes.ts";
import { createGithubClient } from "../lib/github/client.ts";
import { readChanges } from "../lib/github/preview/read-changes.ts";
import { githubBodyLimit, renderComment } from "../lib/github/preview/render-comment.ts";
import { readScanVerdicts } from "../lib/github/preview/scan-verdicts.ts";
import { readInputFile } from "../lib/fs/read-input.ts";
import { repositoryName, resolveRepository } from "../lib/github/repository.ts";
import { upsertStickyComment } from "../lib/github/sticky-comment.ts";

/** Hidden in a sticky comment; how a re-run finds the comment it wrote before. One marker per kind of comment. */
export function stickyMarker(kind: string): string {
  return `<!-- stratum:${kind} -->`;
}
export const previewMarker = stickyMarker("preview");


const usage = `usage: stratum comment --pr N [--repo OWNER/NAME] [--verdict FILE]... [--details-url URL] [--print] FILE...
       stratum comment --pr N [--repo OWNER/NAME] --markdown FILE --marker KIND [--print]

The first form renders offline plans and \`pulumi preview --json\` outputs into the sticky preview comment. The
second posts a Markdown file as its own sticky comment, found again by KIND (e.g. review).`;

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
      markdown: { type: "string" },
      marker: { type: "string" },
      print: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help) {
    io.stdout(`${usage}\n`);
    return ExitCode.ok;
  }
  if (values.markdown !== undefined || values.marker !== undefined) return postMarkdown(values, positionals, io);
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
  return post(values, io, previewMarker, body, collapsed ? `, collapsed: ${collapsed}` : "");
}

interface CommentFlags {
  readonly pr?: string | undefined;
  readonly repo?: string | undefined;
  readonly markdown?: string | undefined;
  readonly marker?: string | undefined;
  readonly print?: boolean | undefined;
  readonly verdict?: string[] | undefined;
  readonly "details-url"?: string | undefined;
}

/** `--markdown FILE --marker KIND`: the file as it is, in a sticky comment of its own kind. */
async function postMarkdown(values: CommentFlags, positionals: readonly string[], io: CommandIo): Promise<ExitCode> {
  if (values.markdown === undefined || values.marker === undefined) throw new UserInputError("comment: --markdown FILE and --marker KIND go together");
  if (positionals.length > 0 || values.verdict !== undefined || values["details-url"] !== undefined) {
    throw new UserInputError("comment: --markdown posts one file as it is; plan or preview files, --verdict and --details-url belong to the preview comment");
  }
  if (!/^[a-z][a-z0-9-]{0,39}$/.test(values.marker)) throw new UserInputError(`--marker: got "${values.marker}", expected a lowercase name such as review`);
  if (values.marker === "preview") throw new UserInputError('--marker: "preview" is the preview comment\'s own; choose another kind');
  const marker = stickyMarker(values.marker);
  const body = `${marker}\n${await readInputFile(io.cwd, values.markdown, "--markdown")}`;
  if (body.length > githubBodyLimit) throw new UserInputError(`--markdown ${values.markdown}: ${body.length} characters; GitHub accepts ${githubBodyLimit} at most`);
  if (values.print) {
    io.stdout(body);
    return ExitCode.ok;
  }
  return post(values, io, marker, body, "");
}

async function post(values: CommentFlags, io: CommandIo, marker: string, body: string, note: string): Promise<ExitCode> {
  const pr = positiveInteger("--pr", values.pr);
  const ref = resolveRepository(values.repo, io);
  const result = await upsertStickyComment(createGithubClient(io), ref, pr, marker, body);
  const removed = result.removedDuplicates > 0 ? `; removed ${result.removedDuplicates} duplicate(s)` : "";
  io.stdout(`comment ${result.outcome} on ${repositoryName(ref)}#${pr}: ${result.url} (${body.length} characters${note}${removed})\n`);
  return ExitCode.ok;
}
