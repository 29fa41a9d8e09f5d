import { actions } from "./actions.ts";
import type { Workflow } from "./model.ts";
import { checkout, failOnStatus, nodeSetup, stratum } from "./steps.ts";

/** The pull-request workflow's name: the comment workflow is triggered by it (`workflow_run.workflows`). */
export const planDiffWorkflowName = "Plan diff";
/** The artifact the two workflows hand over: diff.json and pr-number, nothing else. */
export const planDiffArtifact = "plan-diff";

/*
 * A comment on every pull request, forks included, in two workflows, after GitHub's guidance on "pwn requests":
 * - plan-diff.yml runs on `pull_request` with a read-only token, no secrets, no id-token and no environment: it
 *   runs the pull request's code (the offline plan needs no cloud) and uploads the diff as an artifact;
 * - plan-diff-comment.yml runs on `workflow_run` in this repository's own context, checks out only the default
 *   branch (the trusted code), downloads the artifact outside the workspace and posts it with
 *   `stratum comment --workflow-run`, which checks it as data and checks the pull request it names against the
 *   triggering run's metadata. It can write pull-request comments and read the run's artifacts, nothing else.
 * Same-repository pull requests take the same path, so there is one comment and one way it is made.
 */
export function planDiffWorkflow(): Workflow {
  return {
    fileName: "plan-diff.yml",
    source: "workflows/plan-diff.ts",
    name: planDiffWorkflowName,
    on: { pullRequest: { branches: ["main"] } },
    permissions: {},
    concurrency: { group: "plan-diff-${{ github.event.pull_request.number }}", cancelInProgress: true },
    jobs: {
      diff: {
        name: "Plan diff",
        permissions: { contents: "read" },
        timeoutMinutes: 20,
        steps: [
          // Full history: the base commit is checked out into a worktree beside this one.
          checkout({ fullHistory: true }),
          ...nodeSetup(),
          {
            name: "Diff the plans against the base",
            id: "diff",
            env: { BASE_SHA: "${{ github.event.pull_request.base.sha }}", PR_NUMBER: "${{ github.event.pull_request.number }}" },
            run: [
              "status=0",
              `${stratum('plan diff --base "$BASE_SHA" --all --out plan-diff')} || status=$?`,
              "mkdir -p plan-diff",
              'printf \'%s\\n\' "$PR_NUMBER" > plan-diff/pr-number',
              'echo "status=$status" >> "$GITHUB_OUTPUT"',
            ].join("\n"),
          },
          {
            name: `Upload ${planDiffArtifact}`,
            if: "always()",
            uses: actions.uploadArtifact,
            with: { name: planDiffArtifact, path: "plan-diff/diff.json\nplan-diff/pr-number", "if-no-files-found": "error", "retention-days": 7 },
          },
          failOnStatus("diff", "the pull request introduces a mandatory policy violation, or the diff failed; see the log and the comment."),
        ],
      },
    },
  };
}

export function planDiffCommentWorkflow(): Workflow {
  return {
    fileName: "plan-diff-comment.yml",
    source: "workflows/plan-diff.ts",
    name: "Plan diff comment",
    on: { workflowRun: { workflows: [planDiffWorkflowName], types: ["completed"] } },
    permissions: {},
    jobs: {
      comment: {
        name: "Comment plan diff",
        if: "github.event.workflow_run.event == 'pull_request'",
        // actions: read downloads the triggering run's artifact; pull-requests: write posts; contents: read
        // checks out the default branch. No id-token, no environment, no secrets.
        permissions: { actions: "read", contents: "read", "pull-requests": "write" },
        timeoutMinutes: 10,
        steps: [
          // The default branch, never the pull request's ref: only trusted code runs here.
          checkout(),
          ...nodeSetup(),
          {
            name: `Download ${planDiffArtifact}`,
            uses: actions.downloadArtifact,
            // Outside the workspace: nothing in the artifact can land among the files that run.
            with: { name: planDiffArtifact, path: "${{ runner.temp }}/plan-diff", "run-id": "${{ github.event.workflow_run.id }}", "github-token": "${{ github.token }}" },
          },
          {
            name: "Check the artifact and post the comment",
            env: { ARTIFACT: "${{ runner.temp }}/plan-diff", GITHUB_TOKEN: "${{ github.token }}" },
            run: `${stratum('comment --workflow-run "$ARTIFACT"')}`,
          },
        ],
      },
    },
  };
}
