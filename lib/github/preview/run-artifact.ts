import { lstat, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { UserInputError } from "../../cli/errors.ts";
import { isJsonObject, parseJson } from "../../fs/read-input.ts";
import type { PlanDiff } from "../../plan/diff/diff-model.ts";
import { diffLimits, validateDiff } from "../../plan/diff/validate-diff.ts";

/*
 * The `workflow_run` side of the fork-safe comment. The pull request's own workflow ran the plan diff with no
 * secrets and a read-only token, and uploaded `diff.json` and `pr-number` as an artifact. Whoever wrote the pull
 * request wrote that artifact, so here it is data and nothing else: exactly those two regular files, each within
 * its size, the diff checked field by field (validate-diff.ts), and the pull request it claims checked against
 * the triggering run's own metadata from GitHub (its head commit and head repository), never taken on its word.
 */

export const artifactFiles = { diff: "diff.json", pr: "pr-number" } as const;

/** What GitHub says about the run that triggered `workflow_run` (the event payload, written by GitHub). */
export interface TriggeringRun {
  readonly id: number;
  readonly headSha: string;
  /** `owner/name` of the repository the pull request's head is in (a fork's, or this one). */
  readonly headRepository: string;
}

/** The `workflow_run` event payload at GITHUB_EVENT_PATH: a completed run of a `pull_request` workflow. */
export function triggeringRun(file: string, text: string): TriggeringRun {
  const event = parseJson(text, file, "a workflow_run event payload");
  const run = isJsonObject(event) && isJsonObject(event.workflow_run) ? event.workflow_run : undefined;
  const head = run && isJsonObject(run.head_repository) ? run.head_repository : undefined;
  if (!run || run.event !== "pull_request" || typeof run.id !== "number" || typeof run.head_sha !== "string" || !/^[0-9a-f]{40}$/.test(run.head_sha) || typeof head?.full_name !== "string") {
    throw new UserInputError(`${file}: expected a workflow_run event of a pull_request run (workflow_run.event, id, head_sha, head_repository.full_name)`);
  }
  return { id: run.id, headSha: run.head_sha, headRepository: head.full_name };
}

export interface RunArtifact {
  readonly claimedPr: number;
  readonly diff: PlanDiff;
  readonly file: string;
}

/** Reads the downloaded artifact folder strictly; any surprise is bad input (exit 2) and nothing is posted. */
export async function readRunArtifact(dir: string): Promise<RunArtifact> {
  let entries: string[];
  try {
    entries = (await readdir(dir)).sort();
  } catch (error) {
    throw new UserInputError(`artifact ${dir}: cannot read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  const expected = Object.values(artifactFiles) as string[];
  const extra = entries.filter((e) => !expected.includes(e));
  if (extra.length > 0) throw new UserInputError(`artifact ${dir}: unexpected ${extra.map((e) => JSON.stringify(e)).join(", ")}; it holds ${expected.join(" and ")} only`);
  const read = async (name: string, limit: number): Promise<string> => {
    const path = join(dir, name);
    const info = await lstat(path).catch(() => undefined);
    if (!info) throw new UserInputError(`artifact ${dir}: ${name} is missing`);
    if (!info.isFile()) throw new UserInputError(`artifact ${dir}: ${name} is not a regular file`);
    if (info.size > limit) throw new UserInputError(`artifact ${dir}: ${name} is ${info.size} bytes; at most ${limit}`);
    return readFile(path, "utf8");
  };
  const prText = await read(artifactFiles.pr, 16);
  if (!/^[1-9][0-9]{0,9}\n?$/.test(prText)) throw new UserInputError(`artifact ${dir}: ${artifactFiles.pr}: got ${JSON.stringify(prText.slice(0, 16))}, expected a pull request number`);
  const file = join(dir, artifactFiles.diff);
  return { claimedPr: Number(prText.trim()), diff: validateDiff(file, await read(artifactFiles.diff, diffLimits.bytes)), file };
}

/** The pull request as GitHub answers `GET /repos/{owner}/{repo}/pulls/{n}`, as far as this check reads it. */
export interface PullHead {
  readonly state: string;
  readonly headSha: string | undefined;
  readonly headRepository: string | undefined;
}

/** The claimed pull request must be open and have the triggering run's head commit in the run's head repository. */
export function checkClaim(claimed: number, run: TriggeringRun, pull: PullHead): void {
  const why =
    pull.state !== "open" ? `it is ${pull.state}`
    : pull.headSha !== run.headSha ? `its head is ${pull.headSha ?? "unknown"}, the run's is ${run.headSha}`
    : pull.headRepository !== run.headRepository ? `its head is in ${pull.headRepository ?? "a deleted repository"}, the run's in ${run.headRepository}`
    : undefined;
  if (why) throw new UserInputError(`artifact of run ${run.id}: claims pull request #${claimed}, but ${why}; not posting`);
}
