import type { GithubClient } from "./client.ts";
import { githubCall } from "./errors.ts";
import type { RepositoryRef } from "./repository.ts";
import { isStackName } from "../stack-config/stack-name.ts";

/** One entry of `pulumi stack ls --json`; only the fields the janitor reads. */
export interface StackSummary {
  readonly name: string;
  readonly lastUpdate?: string;
}

export interface JanitorDecision {
  readonly stack: string;
  readonly pr: number;
  /** Why it goes, or undefined when it stays. */
  readonly reason: string | undefined;
  readonly keepReason: string;
}

/** An organization or project segment of a fully qualified stack name; never starting with '-' (read as a flag). */
const qualifierSegment = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * Review stacks are `pr-<number>`; a fully qualified name (`org/project/pr-12`) counts by its last segment. A name
 * is only ever handed to `pulumi destroy` when every segment is plain: the stack a valid stack name, the rest
 * letters, digits, '.', '_' and '-' (not first). Anything else is not a review stack this janitor made.
 */
export function reviewPullNumber(stackName: string): number | undefined {
  const segments = stackName.split("/");
  const last = segments.at(-1) ?? "";
  const match = /^pr-([1-9]\d{0,9})$/.exec(last);
  if (!match || !isStackName(last) || segments.length > 3 || !segments.slice(0, -1).every((s) => qualifierSegment.test(s))) return undefined;
  return Number(match[1]);
}

/**
 * Decides for each review stack whether it goes: its pull request is closed (merged or not), or it was last
 * updated longer than `ttlHours` ago. Other stacks are never considered. Reads only.
 */
export async function decideReviewStacks(
  octokit: GithubClient,
  ref: RepositoryRef,
  stacks: readonly StackSummary[],
  ttlHours: number,
  now: Date,
): Promise<JanitorDecision[]> {
  await githubCall(ref, { action: "read the repository", permission: "metadata: read" }, () => octokit.rest.repos.get({ ...ref }));
  const decisions: JanitorDecision[] = [];
  for (const stack of stacks) {
    const pr = reviewPullNumber(stack.name);
    if (pr === undefined) continue;
    const pull = await readPull(octokit, ref, pr);
    const age = stack.lastUpdate ? (now.getTime() - Date.parse(stack.lastUpdate)) / 3_600_000 : Number.NaN;
    const expired = Number.isFinite(age) && age > ttlHours;
    let reason: string | undefined;
    if (pull === "closed") reason = `pull request #${pr} is closed`;
    else if (pull === "merged") reason = `pull request #${pr} was merged`;
    else if (expired) reason = `last updated ${Math.floor(age)}h ago, over the ${ttlHours}h TTL`;
    const keepReason = pull === "missing" ? `pull request #${pr} not found; kept until its TTL passes` : `pull request #${pr} is open and the stack is within its ${ttlHours}h TTL`;
    decisions.push({ stack: stack.name, pr, reason, keepReason });
  }
  return decisions;
}

async function readPull(octokit: GithubClient, ref: RepositoryRef, pr: number): Promise<"open" | "closed" | "merged" | "missing"> {
  try {
    const { data } = await octokit.rest.pulls.get({ ...ref, pull_number: pr });
    return data.merged ? "merged" : data.state === "closed" ? "closed" : "open";
  } catch (error) {
    // The repository was readable a moment ago, so a 404 here is a pull request that does not exist.
    if ((error as { status?: unknown }).status === 404) return "missing";
    return githubCall(ref, { action: `read pull request #${pr}`, permission: "pull-requests: read" }, () => Promise.reject(error));
  }
}

/** What a review stack's outputs say about it (components/review/review-environment.ts exports them). */
export interface ReviewOutputs {
  readonly baseStack: string;
  readonly pullRequest: number;
  /** Workload → digest, as the review stack ran them. */
  readonly images: Readonly<Record<string, string>>;
}

const stackName = /^([A-Za-z0-9_.-]+\/){0,2}[A-Za-z0-9_.-]+$/;
const digest = /^sha256:[a-f0-9]{64}$/;

/**
 * Reads `pulumi stack output --json` of a review stack; undefined when it does not name its base stack and pull
 * request (a stack from before review outputs existed, or one whose first update failed). Values that are not a
 * stack name, a pull request number and digests are ignored rather than handed to a command.
 */
export function reviewOutputsOf(text: string): ReviewOutputs | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const o = (typeof data === "object" && data !== null ? data : {}) as Record<string, unknown>;
  if (typeof o["baseStack"] !== "string" || !stackName.test(o["baseStack"]) || !Number.isInteger(o["pullRequest"]) || (o["pullRequest"] as number) < 1) return undefined;
  const images = typeof o["images"] === "object" && o["images"] !== null ? (o["images"] as Record<string, unknown>) : {};
  return {
    baseStack: o["baseStack"],
    pullRequest: o["pullRequest"] as number,
    images: Object.fromEntries(Object.entries(images).flatMap(([k, v]) => (typeof v === "string" && digest.test(v) && /^[a-z][a-z0-9-]*$/.test(k) ? [[k, v]] : []))),
  };
}

/**
 * The teardown before the destroy: rebuild the review stack's config from its base (stack config is not kept
 * between runs), set `stratum:review.teardown`, and update, so each migration Job runs once more with
 * `--drop-schema` and drops the environment's schema (`pr_<n>`) from the dev database. Values are set as JSON
 * text, which the program reads as structured config.
 */
export function teardownCommands(stack: string, review: ReviewOutputs): { program: string; args: string[] }[] {
  const config = (key: string, value: unknown) => ({ program: "pulumi", args: ["config", "set", "--stack", stack, key, JSON.stringify(value)] });
  return [
    { program: "pulumi", args: ["config", "cp", "--stack", review.baseStack, "--dest", stack] },
    config("stratum:review", { pullRequest: review.pullRequest, baseStack: review.baseStack, teardown: true }),
    ...(Object.keys(review.images).length > 0 ? [config("stratum:images", review.images)] : []),
    { program: "pulumi", args: ["up", "--yes", "--skip-preview", "--non-interactive", "--stack", stack] },
  ];
}

/** The Pulumi commands that remove one review stack, in order. */
export function destroyCommands(stack: string): { program: string; args: string[] }[] {
  return [
    { program: "pulumi", args: ["destroy", "--yes", "--skip-preview", "--non-interactive", "--stack", stack] },
    { program: "pulumi", args: ["stack", "rm", "--yes", "--non-interactive", stack] },
  ];
}
