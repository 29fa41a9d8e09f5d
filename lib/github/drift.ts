import type { GithubClient } from "./client.ts";
import { githubCall } from "./errors.ts";
import type { StackChanges } from "./preview/change-model.ts";
import { code, plural, table } from "../markdown/markdown.ts";
import type { RepositoryRef } from "./repository.ts";

export const driftLabel = "drift";

/** Hidden in the issue body; how a later run finds the issue for the same stack. */
export function driftMarker(stack: string): string {
  return `<!-- stratum:drift:${stack} -->`;
}

export type DriftOutcome = "opened" | "updated" | "unchanged" | "closed" | "clean";

export interface DriftResult {
  readonly stack: string;
  readonly outcome: DriftOutcome;
  readonly issue?: number;
}

const permission = "issues: write";
/** Rows beyond this go to the workflow log: an issue body has the same 65,536-character limit as a comment. */
const maxRows = 200;

/**
 * One issue per drifted stack: opened when drift first appears, its body kept current while drift lasts, closed
 * with a comment once a run finds the stack clean. Stacks not in `results` are left alone.
 */
export async function reportDrift(octokit: GithubClient, ref: RepositoryRef, results: readonly StackChanges[], runUrl?: string): Promise<DriftResult[]> {
  const open = await githubCall(ref, { action: `list open issues labelled ${driftLabel}`, permission }, () =>
    octokit.paginate(octokit.rest.issues.listForRepo, { ...ref, labels: driftLabel, state: "open", per_page: 100 }),
  );
  const outcomes: DriftResult[] = [];
  for (const result of results) {
    const marker = driftMarker(result.stack);
    const issue = open.find((i) => !i.pull_request && (i.body ?? "").includes(marker));
    const drifted = result.changes.length > 0;
    if (!drifted) {
      if (!issue) {
        outcomes.push({ stack: result.stack, outcome: "clean" });
        continue;
      }
      await githubCall(ref, { action: `comment on drift issue #${issue.number}`, permission }, () =>
        octokit.rest.issues.createComment({ ...ref, issue_number: issue.number, body: `No drift in \`${result.stack}\` any more${runUrl ? ` ([run](${runUrl}))` : ""}; closing.` }),
      );
      await githubCall(ref, { action: `close drift issue #${issue.number}`, permission }, () =>
        octokit.rest.issues.update({ ...ref, issue_number: issue.number, state: "closed", state_reason: "completed" }),
      );
      outcomes.push({ stack: result.stack, outcome: "closed", issue: issue.number });
      continue;
    }
    const body = driftBody(result, marker, runUrl);
    if (!issue) {
      const { data } = await githubCall(ref, { action: `open a drift issue for ${result.stack}`, permission }, () =>
        octokit.rest.issues.create({ ...ref, title: `Drift in stack ${result.stack}`, body, labels: [driftLabel] }),
      );
      outcomes.push({ stack: result.stack, outcome: "opened", issue: data.number });
    } else if (issue.body !== body) {
      await githubCall(ref, { action: `update drift issue #${issue.number}`, permission }, () => octokit.rest.issues.update({ ...ref, issue_number: issue.number, body }));
      outcomes.push({ stack: result.stack, outcome: "updated", issue: issue.number });
    } else {
      outcomes.push({ stack: result.stack, outcome: "unchanged", issue: issue.number });
    }
  }
  return outcomes;
}

export function driftBody(result: StackChanges, marker: string, runUrl?: string): string {
  const rows = result.changes.slice(0, maxRows).map((c) => [c.op, code(c.name), code(c.type), c.changedKeys.slice(0, 8).join(", ")]);
  const more = result.changes.length - rows.length;
  return [
    marker,
    `\`pulumi preview --expect-no-changes\` found ${plural(result.changes.length, "change")} in \`${result.stack}\`: the cloud no longer matches the stack's last deployment.`,
    table(["Op", "Resource", "Type", "Changed"], rows) + (more > 0 ? `\n\n…and ${more} more in the run log.` : ""),
    "Run `pulumi refresh` to accept the cloud's state, or `pulumi up` to restore the declared one. This issue closes itself when a drift check finds the stack clean." +
      (runUrl ? ` [Latest check](${runUrl})` : ""),
  ].join("\n\n") + "\n";
}
