import { posix } from "node:path";
import type { Cloud } from "../components/spec/schema.ts";
import { actions } from "./actions.ts";
import { registryLoginAccess } from "./cloud-access.ts";
import type { Permissions, Step } from "./model.ts";
import type { StackTarget } from "./platform.ts";
import { accountVariable, type AccountOutput, identityVariable, type IdentityKind, repositorySecrets, repositoryVariables } from "./variables.ts";
import { toolVersions } from "./versions.ts";

/** The condition that keeps a pull-request job off forks: their tokens cannot log in or comment. */
export const sameRepository = "github.event.pull_request.head.repo.full_name == github.repository";

export interface CheckoutOptions {
  /** Full history, for path filters comparing a push with the commit before it. @default false (one commit) */
  readonly fullHistory?: boolean;
}

export function checkout(options: CheckoutOptions = {}): Step {
  return {
    name: "Check out",
    uses: actions.checkout,
    // The token stays out of .git/config, so no later step (or uploaded artifact) can read it.
    with: { "persist-credentials": false, ...(options.fullHistory ? { "fetch-depth": 0 } : {}) },
  };
}

/** Node at the exact version the toolchain uses, then the project's dependencies from the lockfile. */
export function nodeSetup(): Step[] {
  return [
    // No dependency cache: a cache written by one run could change what a later deploy installs.
    { name: "Set up Node", uses: actions.setupNode, with: { "node-version": toolVersions.node, "package-manager-cache": false } },
    { name: "Install dependencies", run: "npm ci --no-audit --no-fund" },
  ];
}

/** `npm run stratum -- <args>`, the project's own entry point. */
export function stratum(args: string): string {
  // --silent: npm's own banner would otherwise land in output the step redirects (JSON, Markdown).
  return `npm run --silent stratum -- ${args}`;
}

/** Where a job keeps the policy pack's config for the stack it runs. */
const policyConfigFile = '"$RUNNER_TEMP/policy-config.json"';

/**
 * A double-quoted shell word made of environment variable references and plain name characters, such as
 * `"$STACK"` or `"pr-$PR_NUMBER"`: how a step's script names a value that came from the spec (through `env:`).
 */
const quotedShellWord = /^"(?:[a-z0-9-]|\$[A-Z_][A-Z0-9_]*)*\$[A-Z_][A-Z0-9_]*(?:[a-z0-9-]|\$[A-Z_][A-Z0-9_]*)*"$/;

/**
 * The policy pack's config for a stack, generated from its spec (environment, frameworks, allowed regions,
 * required tags). Without it the pack falls back to its strictest reading, prod, and would refuse a dev stack
 * for prod-only rules. `stack` is a quoted shell word naming an `env:` variable, such as `"$STACK"`: a stack's
 * name never goes into a script's text.
 */
export function policyConfigStep(stack: string): Step {
  if (!quotedShellWord.test(stack)) throw new Error(`policyConfigStep: got ${JSON.stringify(stack)}; pass a quoted variable such as '"$STACK"' and set it in env:`);
  return { name: "Policy pack config from the stack's spec", run: `${stratum(`policy config --stack ${stack}`)} > ${policyConfigFile}` };
}

/** The flags every `pulumi preview` and `pulumi up` runs the policy pack with (after `policyConfigStep`). */
export const policyPackFlags = `--policy-pack policy --policy-pack-config ${policyConfigFile}`;

export function pulumiSetup(): Step {
  // Without `command`, pulumi/actions only installs the CLI; the commands run in plain `run:` steps.
  return { name: "Install Pulumi CLI", uses: actions.pulumi, with: { "pulumi-version": toolVersions.pulumi } };
}

/** Job env for Pulumi: the backend from a repository variable, the token (Pulumi Cloud only) from a secret. */
export function pulumiEnv(): Record<string, string> {
  return {
    PULUMI_BACKEND_URL: `\${{ vars.${repositoryVariables.pulumiBackendUrl} }}`,
    PULUMI_ACCESS_TOKEN: `\${{ secrets.${repositorySecrets.pulumiAccessToken} }}`,
  };
}

/**
 * OIDC login as one of a stack's identities (`deploy`, the read-only `preview`, or `publish`); no long-lived cloud
 * keys anywhere. The identity is always named by the caller: a job that only reads must never get the deploy
 * identity by default. On GCP the identity is a workload identity provider (direct federation: no service account,
 * no key), on Azure the client id of a user-assigned identity with a federated credential (no client secret); the
 * project, tenant and subscription are the stack's own (`accountVariable`).
 */
export function cloudLogin(cloud: Cloud, identityStack: string, identityKind: IdentityKind): Step {
  const identity = `\${{ vars.${identityVariable(identityStack, identityKind)} }}`;
  const account = (output: AccountOutput) => `\${{ vars.${accountVariable(identityStack, output)} }}`;
  switch (cloud) {
    case "aws":
      return { name: "Log in to AWS", uses: actions.awsCredentials, with: { "role-to-assume": identity, "aws-region": `\${{ vars.${repositoryVariables.awsRegion} }}` } };
    case "gcp":
      return {
        name: "Log in to Google Cloud",
        uses: actions.gcpAuth,
        // Direct workload identity federation: the federated token itself is the principal; no service account key.
        with: { workload_identity_provider: identity, project_id: account("projectId") },
      };
    case "azure":
      return {
        name: "Log in to Azure",
        uses: actions.azureLogin,
        // azure/login asks GitHub for a token with this audience, the one the federated credential pins.
        with: { "client-id": identity, "tenant-id": account("tenantId"), "subscription-id": account("subscriptionId"), audience: azureTokenAudience },
      };
  }
}

/** The audience of the GitHub token azure/login exchanges, pinned by every stack's federated credentials. */
export const azureTokenAudience = "api://AzureADTokenExchange";

/** The first steps of every Pulumi job: the code, Node and dependencies, the CLI, and OIDC login as the given identity. */
export function pulumiJobSetup(cloud: Cloud, identityStack: string, identityKind: IdentityKind): Step[] {
  return [checkout(), ...nodeSetup(), pulumiSetup(), cloudLogin(cloud, identityStack, identityKind)];
}

/**
 * Where a job that reaches the cluster runs: the stack's runner inside the network when it names one (a private
 * cluster endpoint is unreachable from GitHub-hosted runners; `workflowPlatform` refuses a private endpoint
 * without one), else the GitHub-hosted default.
 */
export function clusterRunner(stack: StackTarget): readonly string[] | undefined {
  return stack.clusterRunnerLabels.length > 0 ? stack.clusterRunnerLabels : undefined;
}

export { pulumiAccess, type PulumiCommand } from "./cloud-access.ts";

/** A tool that talks to a registry with its own login: `skopeo` copies images, `cosign` signs and verifies them. */
export type RegistryTool = "skopeo" | "cosign";

/**
 * Logs the given tools in to a stack's registry with a short-lived token from the cloud login before it (OIDC;
 * no stored password), for the host in `$host`, which `hostLine` sets. One switch per cloud: ECR's token from
 * `aws ecr get-login-password`, Artifact Registry's from `gcloud auth print-access-token`, ACR's from
 * `az acr login --expose-token`. skopeo writes Docker's config file, which cosign reads too.
 */
export function registryLogin(cloud: Cloud, tools: readonly RegistryTool[], hostLine: string, env: Readonly<Record<string, string>> = {}): Step {
  // ACR's token user is the all-zeros GUID; the registry's name is the first label of its host.
  const login: Record<Cloud, { token: string; username: string }> = {
    aws: { token: "aws ecr get-login-password", username: "AWS" },
    gcp: { token: "gcloud auth print-access-token", username: "oauth2accesstoken" },
    azure: { token: 'az acr login --name "${host%%.*}" --expose-token --output tsv --query accessToken', username: "00000000-0000-0000-0000-000000000000" },
  };
  const { token, username } = login[cloud];
  const authfile = { skopeo: ' --authfile "$HOME/.docker/config.json"', cosign: "" };
  return {
    name: "Log in to the stack's registry",
    ...(Object.keys(env).length > 0 ? { env } : {}),
    run: [
      hostLine,
      'if [ -z "$host" ]; then echo "No registry host for this stack." >&2; exit 1; fi',
      ...tools.map((tool) => `${token} | ${tool} login${authfile[tool]} --username ${username} --password-stdin "$host"`),
    ].join("\n"),
    cloudAccess: registryLoginAccess(cloud),
  };
}

/** What a job that logs in to a cloud and runs Pulumi needs. */
export const cloudPermissions: Permissions = { contents: "read", "id-token": "write" };

export function uploadArtifact(name: string, path: string): Step {
  return { name: `Upload ${name}`, if: "always()", uses: actions.uploadArtifact, with: { name, path, "if-no-files-found": "ignore", "retention-days": 14 } };
}

export function downloadArtifacts(pattern: string, path: string): Step {
  return { name: `Download ${pattern}`, uses: actions.downloadArtifact, with: { pattern, path, "merge-multiple": true } };
}

/**
 * Runs a Pulumi command that may fail, keeps its JSON, and records its exit status, so the result can be
 * uploaded and reported before the job fails on it (see `failOnStatus`). `command` and `output` are script
 * text: they name the stack as `"$STACK"` (set in the job's env:), never by its value.
 */
export function recordStatus(id: string, name: string, command: string, output: string): Step {
  return {
    name,
    id,
    run: [`mkdir -p "${posix.dirname(output)}"`, "status=0", `${command} > "${output}" || status=$?`, `echo "status=$status" >> "$GITHUB_OUTPUT"`].join("\n"),
  };
}

/** Fails the job when `recordStatus` recorded a failure; the message (which may name a stack) goes through env:. */
export function failOnStatus(id: string, message: string): Step {
  return { name: "Fail on the result", if: `steps.${id}.outputs.status != '0'`, env: { FAILURE: message }, run: 'echo "$FAILURE" >&2\nexit 1' };
}
