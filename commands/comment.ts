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
import { resolve } from "node:path";
import { upsertStickyComment } from "../lib/github/sticky-comment.ts";
import { githubCall } from "../lib/github/errors.ts";
import { changesFromDiff } from "../lib/github/preview/from-plan-diff.ts";
import { checkClaim, readRunArtifact, triggeringRun } from "../lib/github/preview/run-artifact.ts";
import { looksLikeDiff, validateDiff } from "../lib/plan/diff/validate-diff.ts";
import type { StackChanges } from "../lib/github/preview/change-model.ts";

/** Hidden in a sticky comment; how a re-run finds the comment it wrote before. One marker per kind of comment. */
export function stickyMarker(kind: string): string {
  return `<!-- stratum:${kind} -->`;
}
export const previewMarker = stickyMarker("preview");
/** The plan diff's own sticky comment, beside the preview's (a same-repository pull request gets both). */
export const planDiffMarker = stickyMarker("plan-diff");


const usage = `usage: stratum comment --pr N [--repo OWNER/NAME] [--verdict FILE]... [--details-url URL] [--print] FILE...
       stratum comment --pr N [--repo OWNER/NAME] --markdown FILE --marker KIND [--print]
       stratum comment --workflow-run DIR [--repo OWNER/NAME] [--details-url URL] [--print]

The first form renders offline plans and \`pulumi preview --json\` outputs into the sticky preview comment, or
plan diffs (stratum plan diff --format json) into the plan diff's sticky comment. The second posts a Markdown
file as its own sticky comment, found again by KIND (e.g. review). The third, in a workflow_run job, posts the
plan diff artifact in DIR (diff.json and pr-number, from an untrusted pull request) after checking it as data
and checking the pull request it names against the triggering run in GITHUB_EVENT_PATH.`;

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
      "workflow-run": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    true,
  );
  if (values.help) {
    io.stdout(`${usage}\n`);
    return ExitCode.ok;
  }
  if (values["workflow-run"] !== undefined) return postRunArtifact(values, values["workflow-run"], positionals, io);
  if (values.markdown !== undefined || values.marker !== undefined) return postMarkdown(values, positionals, io);
  if (positionals.length === 0) throw new UserInputError(`comment: no plan or preview files given; ${usage}`);
  const stacks: StackChanges[] = [];
  let diffs = 0;
  for (const file of positionals) {
    const text = await readInputFile(io.cwd, file, "comment");
    if (looksLikeDiff(safeParse(text))) {
      diffs += 1;
      stacks.push(...changesFromDiff(file, validateDiff(file, text)));
    } else stacks.push(readChanges(file, text));
  }
  if (diffs > 0 && diffs < positionals.length) throw new UserInputError("comment: plan diffs have their own comment; give diffs, or plans and previews, not both");
  if (diffs > 0) return postDiff(values, io, stacks);
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

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * `--workflow-run DIR`: the plan diff a pull request's workflow uploaded, posted on the pull request GitHub says
 * the triggering run belongs to. The artifact is data: checked (run-artifact.ts) before anything renders it.
 */
async function postRunArtifact(values: CommentFlags, dir: string, positionals: readonly string[], io: CommandIo): Promise<ExitCode> {
  if (values.pr !== undefined || positionals.length > 0 || values.markdown !== undefined || values.marker !== undefined || values.verdict !== undefined) {
    throw new UserInputError("comment --workflow-run DIR: the pull request and the diff come from the run and its artifact; --pr, files, --markdown, --marker and --verdict do not go with it");
  }
  const eventPath = io.env.GITHUB_EVENT_PATH;
  if (!eventPath) throw new UserInputError("comment --workflow-run: GITHUB_EVENT_PATH is not set (it is in a workflow_run job)");
  const run = triggeringRun(eventPath, await readInputFile(io.cwd, eventPath, "GITHUB_EVENT_PATH"));
  const artifact = await readRunArtifact(resolve(io.cwd, dir));
  const ref = resolveRepository(values.repo, io);
  const client = createGithubClient(io);
  const pr = artifact.claimedPr;
  const { data } = await githubCall(ref, { action: `read pull request #${pr}`, permission: "pull-requests: read" }, () => client.rest.pulls.get({ ...ref, pull_number: pr }));
  checkClaim(pr, run, { state: data.state, headSha: data.head?.sha, headRepository: data.head?.repo?.full_name });
  return postDiff({ ...values, pr: String(pr) }, io, changesFromDiff("diff.json", artifact.diff));
}

/** The plan diff's sticky comment: the preview comment's rendering, risk first, under its own marker. */
function postDiff(values: CommentFlags, io: CommandIo, stacks: readonly StackChanges[]): Promise<ExitCode> {
  const detailsUrl = values["details-url"];
  const { body, collapsed } = renderComment({ stacks, verdicts: [], marker: planDiffMarker, title: "stratum plan diff", ...(detailsUrl ? { detailsUrl } : {}) });
  if (values.print) {
    io.stdout(body);
    return Promise.resolve(ExitCode.ok);
  }
  return post(values, io, planDiffMarker, body, collapsed ? `, collapsed: ${collapsed}` : "");
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
