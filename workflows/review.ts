import { githubEnvironments } from "../components/github-environments.ts";
import { changed, changesJob, changesJobId, workloadFilters } from "./changes.ts";
import { buildJob, buildJobId, downloadArchive, scanJob, scanJobId } from "./build-once.ts";
import { reviewStackAccess } from "./cloud-access.ts";
import type { Job, Workflow } from "./model.ts";
import type { WorkflowPlatform } from "./platform.ts";
import { copyStep, registryEnv, scanned } from "./publish.ts";
import { cloudLogin, cloudPermissions, policyConfigStep, policyPackFlags, pulumiEnv, pulumiJobSetup, registryLogin, sameRepository, stratum } from "./steps.ts";
import { repositoryVariables, reviewLabel } from "./variables.ts";

const labelled = `contains(github.event.pull_request.labels.*.name, '${reviewLabel}')`;
const open = `github.event_name == 'pull_request' && github.event.action != 'closed' && ${labelled} && ${sameRepository}`;
const closed = `github.event_name == 'pull_request' && github.event.action == 'closed' && ${labelled} && ${sameRepository}`;
/** Runs after its needs unless one failed: skipped builds (unchanged images) are not failures. */
const upstreamOk = "!cancelled() && !contains(needs.*.result, 'failure')";

/**
 * Review environments: a same-repository pull request labelled `review-env` gets its workloads in namespace
 * `pr-<number>` of the review base (the first dev stack): its changed images are built once as OCI archives and
 * scanned as those archives (the deploy's jobs, build-once.ts), copied by digest into the dev registry as the dev
 * stack's review identity (the deploy's copy step, publish.ts), and the
 * `pr-<number>` stack (the base stack's config plus `stratum:review`, see components/review/) is updated on the
 * cluster runner with those digests (unchanged workloads keep the base stack's). Closing the pull request tears
 * it down (its schema dropped, then destroyed and removed); a scheduled janitor does the same for any whose pull
 * request closed or whose TTL passed. Absent when no stack is a dev stack.
 */
export function reviewWorkflow(platform: WorkflowPlatform): Workflow | undefined {
  if (!platform.review) return undefined;
  const review = platform.review;
  const base = review.baseStack;
  const workloads = platform.workloads.filter((w) => review.workloads.includes(w.name));
  const clusterRunner = review.clusterRunnerLabels.length > 0 ? { runsOn: review.clusterRunnerLabels } : {};
  const stackEnv = { ...pulumiEnv(), PR_NUMBER: "${{ github.event.pull_request.number }}", BASE_STACK: base.name };
  const setup = pulumiJobSetup(base.cloud, base.name, "review");
  const concurrency = { group: "review-${{ github.event.pull_request.number }}", cancelInProgress: false };
  const builds = workloads.flatMap((w) => [buildJobId(w), scanJobId(w)]);
  /** Workload → the digest its scan job passed (empty when it was not rebuilt). */
  const digests = `{${workloads.map((w) => `"${w.name}":"\${{ needs.${scanJobId(w)}.outputs.digest }}"`).join(",")}}`;
  const filters = Object.fromEntries(Object.entries(workloadFilters(platform)).filter(([name]) => review.workloads.includes(name)));

  const jobs: Record<string, Job> = { [changesJobId]: { ...changesJob(filters), if: open } };
  // The deploy's build-once jobs (build-once.ts): an OCI archive per changed workload, scanned as that archive.
  for (const w of workloads) {
    jobs[buildJobId(w)] = { ...buildJob(w), if: `${open} && ${changed(w.name)}` };
    jobs[scanJobId(w)] = scanJob(w);
  }
  jobs["publish"] = {
    name: "Publish review images",
    comment: "GitHub-hosted (skopeo is on the runner image); the review identity may push to the dev repositories only.",
    needs: [changesJobId, ...builds],
    // Only when a scan passed a digest on: with no image changed there is nothing to publish.
    if: `${upstreamOk} && ${open} && contains(join(needs.*.outputs.digest, ' '), 'sha256:')`,
    environment: githubEnvironments.review,
    permissions: cloudPermissions,
    timeoutMinutes: 20,
    env: registryEnv(base),
    steps: [
      ...workloads.map((w) => downloadArchive(w, scanned(w))),
      cloudLogin(base.cloud, base.name, "review"),
      registryLogin(base.cloud, ["skopeo"], 'host="$REGISTRY_HOST"'),
      // The deploy's copy step (publish.ts), tagged `pr-<number>-<sha>`: never a tag a deploy uses. Not signed:
      // only the deploy workflow on main signs, and only its signatures are accepted by a deploy.
      ...workloads.map((w) => copyStep(base, w, "pr-${{ github.event.pull_request.number }}-${{ github.sha }}")),
    ],
  };
  jobs["up"] = {
    name: "Deploy review environment",
    needs: [changesJobId, ...builds, "publish"],
    if: `${upstreamOk} && ${open}`,
    ...clusterRunner,
    environment: githubEnvironments.review,
    permissions: { ...cloudPermissions, "pull-requests": "write" },
    concurrency,
    timeoutMinutes: 60,
    env: stackEnv,
    steps: [
      ...setup,
      {
        name: "Create or select the review stack",
        comment: "Stack config is not kept between runs: it is rebuilt from the base stack's each time.",
        env: { SECRETS_PROVIDER: `\${{ vars.${repositoryVariables.pulumiSecretsProvider} }}`, TTL_HOURS: String(review.ttlHours) },
        run: [
          'stack="pr-$PR_NUMBER"',
          'pulumi stack select --create --secrets-provider "$SECRETS_PROVIDER" "$stack"',
          'pulumi config cp --stack "$BASE_STACK" --dest "$stack"',
          // JSON text: the program reads it as structured config (a number stays a number).
          `pulumi config set --stack "$stack" stratum:review "$(jq -cn --argjson pr "$PR_NUMBER" --arg base "$BASE_STACK" '{pullRequest: $pr, baseStack: $base}')"`,
          'pulumi stack tag set --stack "$stack" stratum:pull-request "$PR_NUMBER"',
          'pulumi stack tag set --stack "$stack" stratum:expires-at "$(date -u -d "+$TTL_HOURS hours" +%Y-%m-%dT%H:%M:%SZ)"',
        ].join("\n"),
      },
      {
        name: "Set the images: this pull request's digests, the base stack's for the rest",
        env: { DIGESTS: digests, WORKLOADS: JSON.stringify(review.workloads) },
        run: [
          'if ! base=$(pulumi stack output images --json --stack "$BASE_STACK" 2>/dev/null); then base="{}"; fi',
          // Digests only: a base image `repo@sha256:...` is cut to its digest, which is the same in the dev registry.
          `images=$(jq -cn --argjson base "$base" --argjson pr "$DIGESTS" --argjson names "$WORKLOADS" \\`,
          `  '($base | with_entries(select(.key as $k | $names | index($k)) | .value |= sub("^.*@"; ""))) + ($pr | with_entries(select(.value != "")))')`,
          'pulumi config set --stack "pr-$PR_NUMBER" stratum:images "$images"',
        ].join("\n"),
      },
      policyConfigStep('"pr-$PR_NUMBER"'),
      {
        name: "Update the review stack",
        run: `pulumi up --yes --stack "pr-$PR_NUMBER" ${policyPackFlags}`,
        cloudAccess: reviewStackAccess(base.cloud, review.identifiedWorkloads, "up"),
      },
      {
        name: "Comment the review URLs",
        env: { GITHUB_TOKEN: "${{ github.token }}" },
        run: [
          "mkdir -p review",
          '{ echo "### Review environment pr-$PR_NUMBER"; echo; echo "Namespace \\`pr-$PR_NUMBER\\` of $BASE_STACK\'s cluster, database schema \\`pr_$PR_NUMBER\\`."; echo;',
          `  pulumi stack output serviceUrls --json --stack "pr-$PR_NUMBER" | jq -r 'to_entries[] | "- \\(.key): \\(.value)"'; } > review/urls.md`,
          stratum('comment --pr "$PR_NUMBER" --markdown review/urls.md --marker review'),
        ].join("\n"),
      },
    ],
  };
  /** Both tear down through `stratum review janitor` (lib/github/janitor.ts): schema dropped, destroyed, removed. */
  const teardown = (name: string, stepName: string, janitorArgs: string, extra: Partial<Job>): Job => ({
    name,
    ...clusterRunner,
    environment: githubEnvironments.review,
    permissions: { ...cloudPermissions, "pull-requests": "read" },
    timeoutMinutes: 60,
    env: stackEnv,
    steps: [
      ...setup,
      {
        name: stepName,
        env: { GITHUB_TOKEN: "${{ github.token }}", TTL_HOURS: String(review.ttlHours) },
        run: stratum(`review janitor --apply ${janitorArgs}--ttl-hours "$TTL_HOURS"`),
        cloudAccess: reviewStackAccess(base.cloud, review.identifiedWorkloads, "destroy"),
      },
    ],
    ...extra,
  });
  jobs["down"] = teardown("Tear down review environment", "Drop the schema, destroy and remove the review stack", '--stack "pr-$PR_NUMBER" ', { if: closed, concurrency });
  jobs["janitor"] = teardown("Remove expired review environments", "Tear down review stacks whose pull request is closed or whose TTL passed", "", {
    if: "github.event_name == 'schedule' || github.event_name == 'workflow_dispatch'",
    env: pulumiEnv(),
    concurrency: { group: "review-janitor", cancelInProgress: false },
  });
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
