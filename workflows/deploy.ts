import { deployEnvironmentFor } from "../components/github-environments.ts";
import { actions } from "./actions.ts";
import { changed, changesJob, changesJobId, workloadFilters } from "./changes.ts";
import { scanSteps, setupBuildx } from "./images.ts";
import type { Job, Step, Workflow } from "./model.ts";
import { configurableImage, type StackTarget, type Workload, type WorkflowPlatform } from "./platform.ts";
import { checkout, cloudPermissions, policyConfigStep, policyPackFlags, pulumiEnv, pulumiJobSetup } from "./steps.ts";
import { upperSnake } from "./variables.ts";
import { toolVersions } from "./versions.ts";

function registryLogin(): Step {
  // GITHUB_TOKEN, scoped by the job's `packages:` permission: no registry password is stored anywhere.
  return { name: "Log in to GHCR", uses: actions.dockerLogin, with: { registry: "ghcr.io", username: "${{ github.actor }}", password: "${{ github.token }}" } };
}

/**
 * Push to main: build each changed image and push it, scan the pushed digest, sign it, then `pulumi up` every
 * stack — non-production first, production behind its environment's required reviewers. The digest scanned is
 * the digest signed and deployed: it travels only through job outputs.
 */
export function deployWorkflow(platform: WorkflowPlatform): Workflow {
  const jobs: Record<string, Job> = { [changesJobId]: changesJob(workloadFilters(platform)) };
  for (const w of platform.workloads) {
    const repo = `${platform.registry}/${w.name}`;
    jobs[`build-${w.name}`] = {
      name: `Build and push ${w.name}`,
      comment: "No build cache: nothing restored from a cache goes into a published image.",
      needs: [changesJobId],
      if: changed(w.name),
      permissions: { contents: "read", packages: "write" },
      timeoutMinutes: 30,
      outputs: { digest: "${{ steps.build.outputs.digest }}" },
      steps: [
        checkout(),
        setupBuildx(),
        registryLogin(),
        {
          name: "Build and push",
          id: "build",
          uses: actions.buildPush,
          with: { context: w.path, push: true, tags: `${repo}:\${{ github.sha }}`, provenance: "mode=max", sbom: true },
        },
      ],
    };
    jobs[`scan-${w.name}`] = {
      name: `Scan ${w.name}`,
      needs: [`build-${w.name}`],
      permissions: { contents: "read", packages: "read", "security-events": "write" },
      timeoutMinutes: 20,
      env: { IMAGE: `${repo}@\${{ needs.build-${w.name}.outputs.digest }}` },
      outputs: { image: "${{ steps.passed.outputs.image }}" },
      steps: [
        checkout(),
        registryLogin(),
        ...scanSteps(w, { imageRef: `${repo}@\${{ needs.build-${w.name}.outputs.digest }}`, cache: false }),
        { name: "Hand the scanned digest on", id: "passed", run: 'echo "image=$IMAGE" >> "$GITHUB_OUTPUT"' },
      ],
    };
    jobs[`sign-${w.name}`] = {
      name: `Sign ${w.name}`,
      needs: [`scan-${w.name}`],
      permissions: { contents: "read", "id-token": "write", packages: "write" },
      timeoutMinutes: 10,
      steps: [
        { name: "Install cosign", uses: actions.cosignInstaller, with: { "cosign-release": toolVersions.cosign } },
        registryLogin(),
        { name: "Sign by digest (keyless)", env: { IMAGE: `\${{ needs.scan-${w.name}.outputs.image }}` }, run: 'cosign sign --yes "$IMAGE"' },
      ],
    };
  }
  const byName = new Map(platform.workloads.map((w) => [w.name, w]));
  for (const stack of platform.stacks) {
    const workloads = stack.workloads.flatMap((name) => (byName.has(name) ? [byName.get(name) as Workload] : []));
    const earlier = stack.environment === "prod" ? nonProdBefore(platform.stacks, stack) : [];
    jobs[`deploy-${stack.name}`] = deployJob(stack, workloads, earlier);
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

function deployJob(stack: StackTarget, workloads: readonly Workload[], earlier: readonly string[]): Job {
  const images = workloads.filter(configurableImage);
  return {
    name: `Deploy ${stack.name}`,
    comment: "Unchanged images are skipped upstream, so this runs unless something failed; it never runs a blocked image.",
    // Every upstream job, builds included: a failed build skips its scan, and skipped is not failure.
    needs: [changesJobId, ...workloads.flatMap((w) => [`build-${w.name}`, `scan-${w.name}`, `sign-${w.name}`]), ...earlier],
    if: "${{ !cancelled() && !contains(needs.*.result, 'failure') }}",
    // Production stacks deploy behind `production`'s required reviewers; every other stack in `staging`.
    environment: deployEnvironmentFor(stack.environment),
    concurrency: { group: `deploy-${stack.name}`, cancelInProgress: false },
    permissions: cloudPermissions,
    timeoutMinutes: 60,
    env: { ...pulumiEnv(), STACK: stack.name },
    steps: [
      ...pulumiJobSetup(stack.cloud, stack.name, "deploy"),
      {
        name: "Keep the images already deployed",
        comment: "Stack config set here is not committed: images deployed earlier come back from the stack's `images` output.",
        run: [
          `if previous=$(pulumi stack output images --json --stack "$STACK" 2>/dev/null); then`,
          `  printf '%s' "$previous" | jq -r --argjson names '${JSON.stringify(images.map((w) => w.name))}' \\`,
          `    'to_entries[] | select(.key as $k | $names | index($k)) | "\\(.key)=\\(.value)"' |`,
          `    while IFS='=' read -r name image; do`,
          `      pulumi config set --stack "$STACK" --path "stratum:images.$name" "$image"`,
          "    done",
          "fi",
        ].join("\n"),
      },
      ...(images.length > 0
        ? [
            {
              name: "Use the scanned digests",
              env: Object.fromEntries(images.map((w) => [imageEnv(w), `\${{ needs.scan-${w.name}.outputs.image }}`])),
              run: images.map((w) => `if [ -n "$${imageEnv(w)}" ]; then pulumi config set --stack "$STACK" --path 'stratum:images.${w.name}' "$${imageEnv(w)}"; fi`).join("\n"),
            },
          ]
        : []),
      policyConfigStep('"$STACK"'),
      { name: "Update the stack", run: `pulumi up --yes --stack "$STACK" ${policyPackFlags}` },
    ],
  };
}

function imageEnv(w: Workload): string {
  return `IMAGE_${upperSnake(w.name)}`;
}
