import { deployEnvironmentFor } from "../components/github-environments.ts";
import { actions } from "./actions.ts";
import { changesJob, changesJobId, workloadFilters } from "./changes.ts";
import { buildJob, buildJobId, scanJob, scanJobId, siteArtifact, siteBuildJob } from "./build-once.ts";
import { pullAccess } from "./cloud-access.ts";
import { clusterCredentialPluginSteps } from "./cloud-runners.ts";
import { managedModelDeploySteps } from "./model-deploy.ts";
import { publishSite, siteDir } from "./frontend.ts";
import type { CloudAccess, Job, Step, Workflow } from "./model.ts";
import { configurableImage, type StackTarget, type Workload, type WorkflowPlatform } from "./platform.ts";
import { publishJob, publishJobId, signerIdentity, signerIssuer } from "./publish.ts";
import { clusterRunner, cloudPermissions, policyConfigStep, policyPackFlags, pulumiAccess, pulumiEnv, pulumiJobSetup, registryLogin } from "./steps.ts";
import { toolVersions } from "./versions.ts";

/**
 * Push to main: build each changed image once, to an OCI archive, and scan that archive (no cloud identity);
 * publish it by digest into each stack's registry and sign it there (publish-<stack>); then each stack's deploy
 * verifies the signature of every image it will run and runs `pulumi up`, then publishes the front end —
 * non-production first, production behind its environment's required reviewers. The digest scanned is the digest
 * signed, verified and deployed, the same in every registry: it travels only through job outputs.
 */
export function deployWorkflow(platform: WorkflowPlatform): Workflow {
  const jobs: Record<string, Job> = { [changesJobId]: changesJob(workloadFilters(platform)) };
  for (const w of platform.workloads) {
    jobs[buildJobId(w)] = buildJob(w);
    jobs[scanJobId(w)] = scanJob(w);
  }
  const siteJob = platform.frontend ? `build-${platform.frontend.name}` : undefined;
  if (platform.frontend && siteJob) jobs[siteJob] = siteBuildJob(platform.frontend);
  const byName = new Map(platform.workloads.map((w) => [w.name, w]));
  for (const stack of platform.stacks) {
    const workloads = stack.workloads.flatMap((name) => (byName.has(name) ? [byName.get(name) as Workload] : []));
    if (workloads.length > 0) jobs[publishJobId(stack)] = publishJob(stack, workloads, platform.repository);
  }
  for (const stack of platform.stacks) {
    const workloads = stack.workloads.flatMap((name) => (byName.has(name) ? [byName.get(name) as Workload] : []));
    const earlier = stack.environment === "prod" ? nonProdBefore(platform.stacks, stack) : [];
    jobs[`deploy-${stack.name}`] = deployJob(platform, stack, workloads, earlier, stack.frontend ? siteJob : undefined);
  }
  return {
    fileName: "deploy.yml",
    source: "workflows/deploy.ts",
    name: "Deploy",
    on: { push: { branches: ["main"] } },
    permissions: {},
    jobs,
  };
}

/** A production stack waits for the non-production stacks on its cloud (or, when there are none, all of them). */
function nonProdBefore(stacks: readonly StackTarget[], stack: StackTarget): string[] {
  const nonProd = stacks.filter((s) => s.environment !== "prod");
  const sameCloud = nonProd.filter((s) => s.cloud === stack.cloud);
  return (sameCloud.length > 0 ? sameCloud : nonProd).map((s) => `deploy-${s.name}`);
}

/** A step that also reads the stack's outputs (its state) besides what it declares itself. */
function withAccess(step: Step, more: readonly CloudAccess[]): Step {
  return { ...step, cloudAccess: [...(step.cloudAccess ?? []), ...more] };
}

function deployJob(platform: WorkflowPlatform, stack: StackTarget, workloads: readonly Workload[], earlier: readonly string[], siteJob: string | undefined): Job {
  const images = workloads.filter(configurableImage);
  const publish = workloads.length > 0 ? [publishJobId(stack)] : [];
  const names = JSON.stringify(images.map((w) => w.name));
  const pulls: CloudAccess[] = images.flatMap((w) => pullAccess(stack.cloud, w.name));
  const steps: Step[] = [
    ...pulumiJobSetup(stack.cloud, stack.name, "deploy"),
    { name: "Install cosign", uses: actions.cosignInstaller, with: { "cosign-release": toolVersions.cosign } },
    {
      name: "Keep the images already deployed",
      comment: "Stack config set here is not committed: images deployed earlier come back from the stack's `images` output.",
      env: { WORKLOADS: names },
      run: [
        `if previous=$(pulumi stack output images --json --stack "$STACK" 2>/dev/null); then`,
        `  printf '%s' "$previous" | jq -r --argjson names "$WORKLOADS" \\`,
        `    'to_entries[] | select(.key as $k | $names | index($k)) | "\\(.key)=\\(.value | sub("^.*@"; ""))"' |`,
        `    while IFS='=' read -r name digest; do`,
        `      pulumi config set --stack "$STACK" --path "stratum:images.$name" "$digest"`,
        "    done",
        "fi",
      ].join("\n"),
      cloudAccess: pulumiAccess(stack, "output"),
    },
    ...(images.length > 0
      ? [
          {
            name: "Use the digests published to this stack's registry",
            env: { PUBLISHED: JSON.stringify(Object.fromEntries(images.map((w) => [w.name, `\${{ needs.${publishJobId(stack)}.outputs.${w.name} }}`]))) },
            run: [
              `printf '%s' "$PUBLISHED" | jq -r 'to_entries[] | select(.value != "") | "\\(.key)=\\(.value)"' |`,
              `  while IFS='=' read -r name digest; do`,
              `    pulumi config set --stack "$STACK" --path "stratum:images.$name" "$digest"`,
              "  done",
            ].join("\n"),
          },
          withAccess(registryLogin(stack.cloud, ["cosign"], 'host=$(pulumi stack output registryHost --stack "$STACK")'), pulumiAccess(stack, "output")),
          {
            name: "Verify the signature of every image the stack will run",
            comment: "New and kept images alike: only digests this workflow signed on main reach the cluster.",
            env: { WORKLOADS: names, SIGNER: signerIdentity(platform.repository), ISSUER: signerIssuer },
            run: [
              'repos=$(pulumi stack output registryUrls --json --stack "$STACK")',
              `printf '%s' "$WORKLOADS" | jq -r '.[]' | while read -r name; do`,
              `  digest=$(pulumi config get --stack "$STACK" --path "stratum:images.$name" 2>/dev/null || true)`,
              '  if [ -z "$digest" ]; then echo "$name: no image yet (the platform deploys its placeholder)"; continue; fi',
              `  if ! printf '%s' "$digest" | grep -Eq '^sha256:[0-9a-f]{64}$'; then echo "$name: got \\"$digest\\", expected sha256:<64 hex>" >&2; exit 1; fi`,
              `  repo=$(printf '%s' "$repos" | jq -er --arg n "$name" '.[$n]')`,
              '  cosign verify --certificate-identity "$SIGNER" --certificate-oidc-issuer "$ISSUER" "$repo@$digest" > /dev/null',
              '  echo "$name: $repo@$digest signed by $SIGNER"',
              "done",
            ].join("\n"),
            cloudAccess: [...pulumiAccess(stack, "output"), ...pulls],
          },
        ]
      : []),
    // Downloaded before `pulumi up`, so a missing site stops the deploy before it changes anything.
    ...(siteJob ? [{ name: "Download the front end", uses: actions.downloadArtifact, with: { name: siteArtifact, path: siteDir } }] : []),
    ...clusterCredentialPluginSteps(stack),
    policyConfigStep('"$STACK"'),
    { name: "Update the stack", run: `pulumi up --yes --stack "$STACK" ${policyPackFlags}`, cloudAccess: pulumiAccess(stack, "up") },
    // After `pulumi up`: the endpoint exists, and the digest is the one verified above (the stack's config).
    ...managedModelDeploySteps(stack),
    ...(siteJob ? publishSite(stack) : []),
  ];
  return {
    name: `Deploy ${stack.name}`,
    comment: "Unchanged images are skipped upstream, so this runs unless something failed; it never runs a blocked image.",
    // Every upstream job, builds and scans included: a failed build skips its scan and the publish, and skipped is not failure.
    needs: [changesJobId, ...workloads.flatMap((w) => [buildJobId(w), scanJobId(w)]), ...publish, ...(siteJob ? [siteJob] : []), ...earlier],
    if: "${{ !cancelled() && !contains(needs.*.result, 'failure') }}",
    runsOn: clusterRunner(stack),
    // Production stacks deploy behind `production`'s required reviewers; every other stack in `staging`.
    environment: deployEnvironmentFor(stack.environment),
    concurrency: { group: `deploy-${stack.name}`, cancelInProgress: false },
    permissions: cloudPermissions,
    timeoutMinutes: 60,
    env: { ...pulumiEnv(), STACK: stack.name },
    steps,
  };
}
