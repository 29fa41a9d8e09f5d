/**
 * Every name a generated workflow reads from the repository: Actions variables, secrets and GitHub Environments.
 * `stratum bootstrap github` imports this module to create them, so a name is written down exactly once.
 */

/** Repository Actions variables shared by every stack. */
export const repositoryVariables = {
  /** Pulumi state backend, e.g. `s3://bucket`, `gs://bucket`, `azblob://container` or `https://api.pulumi.com`. */
  pulumiBackendUrl: "PULUMI_BACKEND_URL",
  /** Secrets provider for new stacks (review stacks), e.g. `awskms://alias/stratum`, `gcpkms://...`, `azurekeyvault://...`. */
  pulumiSecretsProvider: "PULUMI_SECRETS_PROVIDER",
  awsRegion: "AWS_REGION",
  gcpProjectId: "GCP_PROJECT_ID",
  azureTenantId: "AZURE_TENANT_ID",
  azureSubscriptionId: "AZURE_SUBSCRIPTION_ID",
} as const;

/** Secrets. Only read in jobs that name an `environment:`. */
export const repositorySecrets = {
  /** Only needed when the backend is Pulumi Cloud; an empty value is ignored by self-managed backends. */
  pulumiAccessToken: "PULUMI_ACCESS_TOKEN",
} as const;

/** `dev-aws` → `DEV_AWS`. */
export function upperSnake(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, "_").toUpperCase();
}

/**
 * The variable holding the identity a stack's jobs log in as: an IAM role ARN on AWS, a workload identity
 * provider resource name on GCP, an Entra ID application (client) id on Azure.
 */
export function deployIdentityVariable(stack: string): string {
  return `STRATUM_${upperSnake(stack)}_DEPLOY_IDENTITY`;
}

/**
 * GitHub Environments the workflows use. The OIDC subject of a job with an environment is
 * `repo:OWNER/REPO:environment:NAME`, so each stack's cloud trust policy must allow exactly these names.
 */
export const environments = {
  /** `pulumi up` of the stack; production stacks' environments carry required reviewers. */
  deploy: (stack: string): string => stack,
  /** Read-only jobs (preview on pull requests, scheduled drift): no reviewers, any branch. */
  preview: (stack: string): string => `${stack}-preview`,
  /** Review environments (`pr-<number>` stacks), logged in with the review base stack's identity. */
  review: "review",
} as const;

/** The label that asks for a review environment on a pull request. */
export const reviewLabel = "review-env";
