import type { GithubClient } from "./client.ts";
import { githubCall } from "./errors.ts";
import type { RepositoryRef } from "./repository.ts";

export type StickyOutcome = "created" | "updated" | "unchanged";

export interface StickyResult {
  readonly outcome: StickyOutcome;
  readonly commentId: number;
  readonly url: string;
  /** Older copies carrying the same marker that were deleted (left by an interrupted or concurrent run). */
  readonly removedDuplicates: number;
}

const permission = "pull-requests: write (issue comments on pull requests)";

/**
 * Keeps exactly one comment carrying `marker` on a pull request: finds it again among all comments (paginated),
 * edits it in place, creates it only when absent, and deletes any extra copies so re-runs never duplicate.
 * The marker is an HTML comment, invisible when GitHub renders the body.
 */
export async function upsertStickyComment(
  octokit: GithubClient,
  ref: RepositoryRef,
  issueNumber: number,
  marker: string,
  body: string,
): Promise<StickyResult> {
  const fullBody = body.includes(marker) ? body : `${marker}\n${body}`;
  const target = { ...ref, issue_number: issueNumber };
  const existing = await githubCall(ref, { action: `list comments on pull request #${issueNumber}`, permission }, () =>
    octokit.paginate(octokit.rest.issues.listComments, { ...target, per_page: 100 }),
  );
  const mine = existing.filter((c) => (c.body ?? "").includes(marker));
  const [keep, ...extra] = mine;
  for (const duplicate of extra) {
    await githubCall(ref, { action: `delete duplicate stratum comment ${duplicate.id}`, permission }, () =>
      octokit.rest.issues.deleteComment({ ...ref, comment_id: duplicate.id }),
    );
  }
  if (keep === undefined) {
    const { data } = await githubCall(ref, { action: `comment on pull request #${issueNumber}`, permission }, () =>
      octokit.rest.issues.createComment({ ...target, body: fullBody }),
    );
    return { outcome: "created", commentId: data.id, url: data.html_url, removedDuplicates: extra.length };
  }
  if (keep.body === fullBody) return { outcome: "unchanged", commentId: keep.id, url: keep.html_url, removedDuplicates: extra.length };
  const { data } = await githubCall(ref, { action: `edit stratum comment ${keep.id} on pull request #${issueNumber}`, permission }, () =>
    octokit.rest.issues.updateComment({ ...ref, comment_id: keep.id, body: fullBody }),
  );
  return { outcome: "updated", commentId: data.id, url: data.html_url, removedDuplicates: extra.length };
}
