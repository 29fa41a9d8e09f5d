import pins from "./action-pins.json" with { type: "json" };
import type { ActionRef } from "./model.ts";

/**
 * The one table of pinned actions: every `uses:` in a generated workflow comes from action-pins.json, by full
 * commit SHA, with the tag it is as a comment. To bump an action, replace its row (SHA and tag together, after
 * checking the SHA is the tag's commit) and regenerate.
 */
export interface ActionPin {
  readonly action: string;
  readonly tag: string;
  readonly sha: string;
}

export const actionPins: readonly ActionPin[] = pins;

/** The pinned reference of an action (`owner/repo`), or of an action in a sub-folder (`owner/repo/path`). */
export function action(name: string): ActionRef {
  const [owner, repo] = name.split("/");
  const repository = `${owner}/${repo}`;
  const pin = actionPins.find((p) => p.action === repository);
  if (!pin) throw new Error(`no pin for ${repository} in workflows/action-pins.json`);
  return { action: name, sha: pin.sha, tag: pin.tag };
}

/** The `uses:` text without its comment: `owner/repo@sha`. */
export function usesText(ref: ActionRef): string {
  return `${ref.action}@${ref.sha}`;
}

export const actions = {
  checkout: action("actions/checkout"),
  setupNode: action("actions/setup-node"),
  uploadArtifact: action("actions/upload-artifact"),
  downloadArtifact: action("actions/download-artifact"),
  pathsFilter: action("dorny/paths-filter"),
  setupBuildx: action("docker/setup-buildx-action"),
  buildPush: action("docker/build-push-action"),
  dockerLogin: action("docker/login-action"),
  trivy: action("aquasecurity/trivy-action"),
  uploadSarif: action("github/codeql-action/upload-sarif"),
  cosignInstaller: action("sigstore/cosign-installer"),
  pulumi: action("pulumi/actions"),
  awsCredentials: action("aws-actions/configure-aws-credentials"),
  gcpAuth: action("google-github-actions/auth"),
  azureLogin: action("azure/login"),
} as const;
