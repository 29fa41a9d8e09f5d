import type { Environment } from "./spec/index.ts";

/**
 * The GitHub Environments the generated workflows run in, and which of them a stack's cloud identities trust.
 * A job with an environment gets the OIDC subject `repo:OWNER/REPO:environment:NAME`, so these names are what
 * the deploy and preview identities' trust policies pin, what `stratum bootstrap github` creates, and what the
 * generated workflows name: written down here once.
 */
export const githubEnvironments = {
  /** Gates every non-production deploy (`pulumi up` of dev and staging stacks) from main. */
  staging: "staging",
  /** Gates production deploys from main, behind required reviewers. */
  production: "production",
  /** Read-only jobs: pull-request previews and scheduled drift checks. No reviewers; any branch. */
  preview: "preview",
  /** Review environments: `pr-<number>` stacks created with the dev stack's review identity (trusted only here). */
  review: "review",
} as const;

export type GithubEnvironment = (typeof githubEnvironments)[keyof typeof githubEnvironments];

/** The environment a stack's deploy job runs in. */
export function deployEnvironmentFor(environment: Environment): GithubEnvironment {
  return environment === "prod" ? githubEnvironments.production : githubEnvironments.staging;
}

/**
 * The environments whose jobs may assume a stack's deploy identity: its deploy environment only. Review jobs
 * (`review`) log in as the dev stack's review identity, which may create review environments and nothing else.
 */
export function deployTrustFor(environment: Environment): GithubEnvironment[] {
  return [deployEnvironmentFor(environment)];
}
