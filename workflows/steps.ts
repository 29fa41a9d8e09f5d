import { posix } from "node:path";
import type { Cloud } from "../components/spec/schema.ts";
import { actions } from "./actions.ts";
import type { Permissions, Step } from "./model.ts";
import { identityVariable, type IdentityKind, repositorySecrets, repositoryVariables } from "./variables.ts";
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
 * OIDC login as one of a stack's identities (`deploy` or the read-only `preview`); no long-lived cloud keys anywhere.
 * The identity is always named by the caller: a job that only reads must never get the deploy identity by default.
 */
export function cloudLogin(cloud: Cloud, identityStack: string, identityKind: IdentityKind): Step {
  const identity = `\${{ vars.${identityVariable(identityStack, identityKind)} }}`;
  switch (cloud) {
    case "aws":
      return { name: "Log in to AWS", uses: actions.awsCredentials, with: { "role-to-assume": identity, "aws-region": `\${{ vars.${repositoryVariables.awsRegion} }}` } };
    case "gcp":
      return {
        name: "Log in to Google Cloud",
        uses: actions.gcpAuth,
        // Direct workload identity federation: no service account key.
        with: { workload_identity_provider: identity, project_id: `\${{ vars.${repositoryVariables.gcpProjectId} }}` },
      };
    case "azure":
      return {
        name: "Log in to Azure",
        uses: actions.azureLogin,
        with: { "client-id": identity, "tenant-id": `\${{ vars.${repositoryVariables.azureTenantId} }}`, "subscription-id": `\${{ vars.${repositoryVariables.azureSubscriptionId} }}` },
      };
  }
}

/** The first steps of every Pulumi job: the code, Node and dependencies, the CLI, and OIDC login as the given identity. */
export function pulumiJobSetup(cloud: Cloud, identityStack: string, identityKind: IdentityKind): Step[] {
  return [checkout(), ...nodeSetup(), pulumiSetup(), cloudLogin(cloud, identityStack, identityKind)];
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
