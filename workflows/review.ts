import { githubEnvironments } from "../components/github-environments.ts";
import type { Job, Workflow } from "./model.ts";
import type { WorkflowPlatform } from "./platform.ts";
import { cloudPermissions, policyConfigStep, policyPackFlags, pulumiEnv, pulumiJobSetup, sameRepository, stratum } from "./steps.ts";
import { repositoryVariables, reviewLabel } from "./variables.ts";

const labelled = `contains(github.event.pull_request.labels.*.name, '${reviewLabel}')`;

/**
 * Review environments: a pull request labelled `review-env` gets its own `pr-<number>` stack, a copy of the
 * review base stack (a dev stack) with a TTL; closing the pull request destroys it, and a scheduled janitor
 * removes any whose pull request is closed or whose TTL has passed. Absent when no stack is a dev stack.
 */
export function reviewWorkflow(platform: WorkflowPlatform): Workflow | undefined {
  if (!platform.review) return undefined;
  const { baseStack, ttlHours, platformName } = platform.review;
  const stackEnv = { ...pulumiEnv(), PR_NUMBER: "${{ github.event.pull_request.number }}" };
  const common = (name: string, steps: Job["steps"], extra: Partial<Job> = {}): Job => ({
    name,
    environment: githubEnvironments.review,
    permissions: cloudPermissions,
    timeoutMinutes: 60,
    env: stackEnv,
    // The dev base stack's deploy identity: it trusts `review` (see deployTrustFor) to create and destroy `pr-*` stacks.
    steps: [...pulumiJobSetup(baseStack.cloud, baseStack.name, "deploy"), ...steps],
    ...extra,
  });
  const concurrency = { group: "review-${{ github.event.pull_request.number }}", cancelInProgress: false };
  const jobs: Record<string, Job> = {
    up: common(
      "Deploy review environment",
      [
        {
          name: "Create or select the review stack",
          env: { SECRETS_PROVIDER: `\${{ vars.${repositoryVariables.pulumiSecretsProvider} }}`, TTL_HOURS: String(ttlHours) },
          comment: `A copy of ${baseStack.name}'s config with the dev profile; the janitor reads the expiry tag.`,
          run: [
            'stack="pr-$PR_NUMBER"',
            `if ! pulumi stack select "$stack" 2>/dev/null; then`,
            `  pulumi stack init "$stack" --secrets-provider "$SECRETS_PROVIDER" --copy-config-from ${baseStack.name}`,
            "fi",
            'pulumi config set --stack "$stack" stratum:environment dev',
            // A platform name of its own, so no resource name collides with the base stack's.
            `pulumi config set --stack "$stack" stratum:name "${platformName}-pr$PR_NUMBER"`,
            'pulumi stack tag set --stack "$stack" stratum:pull-request "$PR_NUMBER"',
            'pulumi stack tag set --stack "$stack" stratum:expires-at "$(date -u -d "+$TTL_HOURS hours" +%Y-%m-%dT%H:%M:%SZ)"',
          ].join("\n"),
        },
        {
          name: "Use the images deployed to the base stack",
          run: [
            `if images=$(pulumi stack output images --json --stack ${baseStack.name} 2>/dev/null); then`,
            `  printf '%s' "$images" | jq -r 'to_entries[] | "\\(.key)=\\(.value)"' | while IFS='=' read -r name image; do`,
            '    pulumi config set --stack "pr-$PR_NUMBER" --path "stratum:images.$name" "$image"',
            "  done",
            "fi",
          ].join("\n"),
        },
        policyConfigStep('"pr-$PR_NUMBER"'),
        { name: "Update the review stack", run: `pulumi up --yes --stack "pr-$PR_NUMBER" ${policyPackFlags}` },
        {
          name: "Comment the review URLs",
          env: { GITHUB_TOKEN: "${{ github.token }}" },
          run: [
            "mkdir -p review",
            '{ echo "### Review environment pr-$PR_NUMBER"; echo; pulumi stack output --json --stack "pr-$PR_NUMBER" |',
            `  jq -r 'to_entries[] | select((.value | type) == "string" and (.value | test("^https?://"))) | "- \\(.key): \\(.value)"'; } > review/urls.md`,
            stratum('comment --pr "$PR_NUMBER" --markdown review/urls.md --marker review'),
          ].join("\n"),
        },
      ],
      {
        if: `github.event_name == 'pull_request' && github.event.action != 'closed' && ${labelled} && ${sameRepository}`,
        permissions: { ...cloudPermissions, "pull-requests": "write" },
        concurrency,
      },
    ),
    down: common(
      "Destroy review environment",
      [
        {
          name: "Destroy and remove the review stack",
          run: ['if pulumi stack select "pr-$PR_NUMBER" 2>/dev/null; then', '  pulumi destroy --yes --stack "pr-$PR_NUMBER"', '  pulumi stack rm --yes --stack "pr-$PR_NUMBER"', "fi"].join("\n"),
        },
      ],
      { if: `github.event_name == 'pull_request' && github.event.action == 'closed' && ${labelled} && ${sameRepository}`, concurrency },
    ),
    janitor: common(
      "Remove expired review environments",
      [{ name: "Remove review stacks whose pull request is closed or whose TTL passed", env: { GITHUB_TOKEN: "${{ github.token }}" }, run: stratum("review janitor --apply") }],
      {
        if: "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'",
        permissions: { ...cloudPermissions, "pull-requests": "read" },
        env: pulumiEnv(),
        concurrency: { group: "review-janitor", cancelInProgress: false },
      },
    ),
  };
  return {
    fileName: "review.yml",
    source: "workflows/review.ts",
    name: "Review environments",
    on: {
      pullRequest: { branches: ["main"], types: ["labeled", "synchronize", "reopened", "closed"] },
      schedule: [{ cron: "17 * * * *" }],
      workflowDispatch: true,
    },
    permissions: {},
    jobs,
  };
}
