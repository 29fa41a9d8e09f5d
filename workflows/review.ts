import { githubEnvironments } from "../components/github-environments.ts";
import { actions } from "./actions.ts";
import { changed, changesJob, changesJobId, workloadFilters } from "./changes.ts";
import { scanSteps, setupBuildx } from "./images.ts";
import type { CloudAccess, Job, Step, Workflow } from "./model.ts";
import type { ReviewBase, WorkflowPlatform } from "./platform.ts";
import { checkout, cloudPermissions, downloadArtifacts, policyConfigStep, policyPackFlags, pulumiEnv, pulumiJobSetup, sameRepository, stratum } from "./steps.ts";
import { repositoryVariables, reviewLabel } from "./variables.ts";
import { ecrPushActions } from "../components/clouds/aws/ecr-push-actions.ts";

const labelled = `contains(github.event.pull_request.labels.*.name, '${reviewLabel}')`;
const open = `github.event_name == 'pull_request' && github.event.action != 'closed' && ${labelled} && ${sameRepository}`;
const closed = `github.event_name == 'pull_request' && github.event.action == 'closed' && ${labelled} && ${sameRepository}`;
/** Runs after its needs unless one failed: skipped builds (unchanged images) are not failures. */
const upstreamOk = "!cancelled() && !contains(needs.*.result, 'failure')";
const imageArtifact = (workload: string) => `review-image-${workload}`;
const archive = (workload: string) => `${workload}.oci.tar`;
const archiveDir = "review-images";

/**
 * Review environments: a same-repository pull request labelled `review-env` gets its workloads in namespace
 * `pr-<number>` of the review base (the first dev stack): its changed images are built once as OCI archives,
 * scanned with the scan gate, copied by digest into the dev registry as the dev stack's review identity, and the
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
  const builds = workloads.map((w) => `build-${w.name}`);
  /** Workload → the digest its build job scanned and passed (empty when it was not rebuilt). */
  const digests = `{${workloads.map((w) => `"${w.name}":"\${{ needs.build-${w.name}.outputs.digest }}"`).join(",")}}`;
  const filters = Object.fromEntries(Object.entries(workloadFilters(platform)).filter(([name]) => review.workloads.includes(name)));

  const jobs: Record<string, Job> = { [changesJobId]: { ...changesJob(filters), if: open } };
  for (const w of workloads) {
    jobs[`build-${w.name}`] = {
      name: `Build and scan ${w.name}`,
      comment: "Built once as an OCI archive, scanned as that archive; only a passed scan hands its digest on. No build cache.",
      needs: [changesJobId],
      if: `${open} && ${changed(w.name)}`,
      permissions: { contents: "read", "security-events": "write" },
      timeoutMinutes: 30,
      outputs: { digest: "${{ steps.passed.outputs.digest }}" },
      steps: [
        checkout(),
        setupBuildx(),
        {
          name: "Build the OCI archive",
          id: "build",
          uses: actions.buildPush,
          with: { context: w.path, push: false, outputs: `type=oci,dest=${archive(w.name)}`, provenance: "mode=max", sbom: true },
        },
        ...scanSteps(w, { input: archive(w.name), cache: false }),
        {
          name: "Upload the scanned archive",
          uses: actions.uploadArtifact,
          with: { name: imageArtifact(w.name), path: archive(w.name), "if-no-files-found": "error", "retention-days": 3 },
        },
        {
          name: "Hand the scanned digest on",
          id: "passed",
          env: { DIGEST: "${{ steps.build.outputs.digest }}" },
          run: ['if ! [[ "$DIGEST" =~ ^sha256:[a-f0-9]{64}$ ]]; then echo "the build reported no digest: $DIGEST" >&2; exit 1; fi', 'echo "digest=$DIGEST" >> "$GITHUB_OUTPUT"'].join("\n"),
        },
      ],
    };
  }
  jobs["publish"] = {
    name: "Publish review images",
    comment: "GitHub-hosted (skopeo is on the runner image); the review identity may push to the dev repositories only.",
    needs: [changesJobId, ...builds],
    // Only when a build passed a digest on: with no image changed there is nothing to publish.
    if: `${upstreamOk} && ${open} && contains(join(needs.*.outputs.digest, ' '), 'sha256:')`,
    environment: githubEnvironments.review,
    permissions: cloudPermissions,
    timeoutMinutes: 20,
    env: { ...stackEnv, HEAD_SHA: "${{ github.event.pull_request.head.sha }}" },
    steps: [...setup, downloadArtifacts("review-image-*", archiveDir), publishStep(review, digests)],
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
        cloudAccess: [
          ...clusterAccess("eks:DescribeCluster", "eks:CreatePodIdentityAssociation", "eks:ListPodIdentityAssociations"),
          ...review.granted.map((w): CloudAccess => ({ action: "iam:PassRole", resource: { output: "workloadRoles", key: w } })),
        ],
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
        cloudAccess: clusterAccess("eks:DescribeCluster", "eks:ListPodIdentityAssociations"),
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

/** The dev cluster, named by the base stack's `clusterName` output. */
function clusterAccess(...actionNames: string[]): CloudAccess[] {
  return actionNames.map((action) => ({ action, resource: { output: "clusterName" } }));
}

/**
 * Copies each scanned archive into the dev registry with `skopeo copy --preserve-digests`, tagged
 * `pr-<number>-<sha>`, and checks the registry holds exactly the scanned digest. Workload names and digests
 * arrive as JSON through env and are checked before use; a tag already holding the digest is left as it is
 * (the repositories' tags are immutable).
 */
function publishStep(review: ReviewBase, digests: string): Step {
  return {
    name: "Copy the scanned images into the dev registry by digest",
    env: { DIGESTS: digests },
    run: [
      'urls=$(pulumi stack output registryUrls --json --stack "$BASE_STACK")',
      `printf '%s' "$DIGESTS" | jq -r 'to_entries[] | select(.value != "") | "\\(.key) \\(.value)"' | while read -r name digest; do`,
      '  if ! [[ "$name" =~ ^[a-z][a-z0-9-]*$ && "$digest" =~ ^sha256:[a-f0-9]{64}$ ]]; then echo "unexpected image: $name $digest" >&2; exit 1; fi',
      `  url=$(printf '%s' "$urls" | jq -r --arg name "$name" '.[$name] // empty')`,
      '  if [ -z "$url" ]; then echo "$BASE_STACK has no registry repository for $name" >&2; exit 1; fi',
      '  tag="pr-$PR_NUMBER-$HEAD_SHA"',
      '  aws ecr get-login-password | skopeo login --username AWS --password-stdin "${url%%/*}"',
      `  held=$(aws ecr describe-images --repository-name "\${url#*/}" --image-ids imageTag="$tag" --query 'imageDetails[0].imageDigest' --output text 2>/dev/null || true)`,
      '  if [ "$held" != "$digest" ]; then',
      `    skopeo copy --preserve-digests "oci-archive:${archiveDir}/$name.oci.tar" "docker://$url:$tag"`,
      "  fi",
      '  pushed="sha256:$(skopeo inspect --raw "docker://$url:$tag" | sha256sum | cut -d " " -f 1)"',
      '  if [ "$pushed" != "$digest" ]; then echo "$name: the registry holds $pushed, the scan passed $digest" >&2; exit 1; fi',
      '  echo "$name: $url@$digest ($tag)"',
      "done",
    ].join("\n"),
    cloudAccess: review.workloads.flatMap((w): CloudAccess[] =>
      ecrPushActions.map((action) => ({
        action,
        resource: { output: "registryUrls", key: w },
      })),
    ),
  };
}
