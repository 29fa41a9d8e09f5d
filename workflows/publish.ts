import { actions } from "./actions.ts";
import { changed, changesJobId } from "./changes.ts";
import { archivesDir, buildJobId, downloadArchive, imageArtifact, scanJobId } from "./build-once.ts";
import { pushAccess, signAccess } from "./cloud-access.ts";
import { cloudRunnerFacts } from "./cloud-runners.ts";
import type { Job, Step } from "./model.ts";
import type { StackTarget, Workload } from "./platform.ts";
import { cloudLogin, registryLogin } from "./steps.ts";
import { registryHostVariable, registryUrlsVariable } from "./variables.ts";
import { toolVersions } from "./versions.ts";

/**
 * How one build reaches several stacks' registries: every stack has a publish job that copies the scanned OCI
 * archive into its own registry with `skopeo copy --preserve-digests`, so the digest is the same in every
 * registry, the one scanned; it checks the pushed digest equals the scanned one and signs it there with cosign
 * keyless. The publish identity is trusted for `main` only (no environment, so images are in place before any
 * environment's reviewers are asked) and may only push to the stack's repositories; it cannot read the stack's
 * state, so the registry comes from repository variables that `stratum bootstrap github` sets from the outputs.
 */

export const publishJobId = (stack: StackTarget) => `publish-${stack.name}`;

/** The identity whose keyless signatures a deploy accepts: this repository's deploy workflow on main. */
export function signerIdentity(repository: string): string {
  return `https://github.com/${repository}/.github/workflows/deploy.yml@refs/heads/main`;
}
export const signerIssuer = "https://token.actions.githubusercontent.com";

/** The `if:` under which a workload's publish steps run: its scan passed in this run. */
export const scanned = (w: Workload) => `needs.${scanJobId(w)}.outputs.digest != ''`;

/**
 * Where a stack's publish job runs: GitHub-hosted when its cloud's registry is reachable from there, else the
 * stack's runner inside the network (`workflowPlatform` refuses such a stack without runner labels).
 */
export function publishRunner(stack: StackTarget): readonly string[] | undefined {
  return cloudRunnerFacts[stack.cloud].registryReachableFromGithubHosted ? undefined : stack.clusterRunnerLabels;
}

/** The job env the copy steps read: the stack's registry, from the variables bootstrap sets from its outputs. */
export function registryEnv(stack: StackTarget): Record<string, string> {
  return {
    REGISTRY_HOST: `\${{ vars.${registryHostVariable(stack.name)} }}`,
    REGISTRY_URLS: `\${{ vars.${registryUrlsVariable(stack.name)} }}`,
  };
}

export function publishJob(stack: StackTarget, workloads: readonly Workload[], repository: string): Job {
  const outputs = Object.fromEntries(workloads.map((w) => [w.name, `\${{ steps.sign-${w.name}.outputs.digest }}`]));
  return {
    name: `Publish images to ${stack.name}`,
    comment: "No environment and no cache: the publish identity trusts main only and can push to this stack's registry, nothing else.",
    needs: [changesJobId, ...workloads.flatMap((w) => [buildJobId(w), scanJobId(w)])],
    if: `\${{ !cancelled() && !contains(needs.*.result, 'failure') && (${workloads.map((w) => changed(w.name)).join(" || ")}) }}`,
    runsOn: publishRunner(stack),
    permissions: { contents: "read", "id-token": "write" },
    timeoutMinutes: 20,
    env: registryEnv(stack),
    outputs,
    steps: [
      ...workloads.map((w) => downloadArchive(w, scanned(w))),
      { name: "Install cosign", uses: actions.cosignInstaller, with: { "cosign-release": toolVersions.cosign } },
      cloudLogin(stack.cloud, stack.name, "publish"),
      registryLogin(stack.cloud, ["skopeo", "cosign"], 'host="$REGISTRY_HOST"'),
      ...workloads.flatMap((w) => [copyStep(stack, w), signStep(stack, w, repository)]),
    ],
  };
}

/**
 * Copies the archive by digest into the workload's repository, tagged with the commit (tags are immutable, so
 * a rerun finds the digest there and copies nothing), and fails unless the registry holds the scanned digest.
 * The job's env holds REGISTRY_HOST and REGISTRY_URLS; `tag` is an env value (the review workflow's carries the
 * pull request's number, so no review tag is ever one a deploy uses).
 */
export function copyStep(stack: StackTarget, w: Workload, tag = "${{ github.sha }}"): Step {
  return {
    name: `Copy ${w.name} into the registry`,
    id: `push-${w.name}`,
    if: scanned(w),
    env: {
      WORKLOAD: w.name,
      DIGEST: `\${{ needs.${scanJobId(w)}.outputs.digest }}`,
      ARCHIVE: `${archivesDir}/${imageArtifact(w).file}`,
      TAG: tag,
    },
    run: [
      `repo=$(printf '%s' "$REGISTRY_URLS" | jq -er --arg w "$WORKLOAD" '.[$w] // empty') || {`,
      `  echo "No repository for $WORKLOAD in the stack's registry URLs variable; run stratum bootstrap github with the stack's outputs." >&2`,
      "  exit 1",
      "}",
      'case "$repo" in',
      '  "$REGISTRY_HOST"/*) ;;',
      '  *) echo "Repository $repo is not in the registry $REGISTRY_HOST." >&2; exit 1 ;;',
      "esac",
      'if skopeo inspect --raw "docker://$repo@$DIGEST" > /dev/null 2>&1; then',
      '  pushed="$DIGEST"',
      "else",
      // --all keeps the whole index (image, provenance and SBOM); --preserve-digests refuses any rewrite.
      '  skopeo copy --all --preserve-digests --dest-authfile "$HOME/.docker/config.json" --digestfile "$RUNNER_TEMP/pushed" "oci-archive:$ARCHIVE" "docker://$repo:$TAG"',
      '  pushed=$(cat "$RUNNER_TEMP/pushed")',
      "fi",
      'if [ "$pushed" != "$DIGEST" ]; then',
      '  echo "The registry holds $pushed for $WORKLOAD, the scan passed $DIGEST." >&2',
      "  exit 1",
      "fi",
      'echo "image=$repo@$DIGEST" >> "$GITHUB_OUTPUT"',
    ].join("\n"),
    cloudAccess: pushAccess(stack.cloud, w.name),
  };
}

/**
 * Signs the digest in this registry with the workflow's own identity (keyless); only then is the digest handed on.
 * A digest this workflow signed already (a rerun) is not signed again: where the registry keeps signatures under a
 * tag, immutable tags would refuse a second one.
 */
function signStep(stack: StackTarget, w: Workload, repository: string): Step {
  return {
    name: `Sign ${w.name} by digest (keyless)`,
    id: `sign-${w.name}`,
    if: scanned(w),
    env: { IMAGE: `\${{ steps.push-${w.name}.outputs.image }}`, DIGEST: `\${{ needs.${scanJobId(w)}.outputs.digest }}`, SIGNER: signerIdentity(repository), ISSUER: signerIssuer },
    run: [
      'if cosign verify --certificate-identity "$SIGNER" --certificate-oidc-issuer "$ISSUER" "$IMAGE" > /dev/null 2>&1; then',
      '  echo "$IMAGE is signed already."',
      "else",
      '  cosign sign --yes "$IMAGE"',
      "fi",
      'echo "digest=$DIGEST" >> "$GITHUB_OUTPUT"',
    ].join("\n"),
    cloudAccess: signAccess(stack.cloud, w.name),
  };
}
