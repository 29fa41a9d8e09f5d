/**
 * Every name a generated workflow reads from the repository: Actions variables and secrets. (GitHub Environments
 * are named in `components/github-environments.ts`, next to the cloud trust that pins them.)
 * `stratum bootstrap github` imports this module to create them, so a name is written down exactly once.
 */

/** Repository Actions variables shared by every stack. */
export const repositoryVariables = {
  /** Pulumi state backend, e.g. `s3://bucket`, `gs://bucket`, `azblob://container` or `https://api.pulumi.com`. */
  pulumiBackendUrl: "PULUMI_BACKEND_URL",
  /** Secrets provider for new stacks (review stacks), e.g. `awskms://alias/stratum`, `gcpkms://...`, `azurekeyvault://...`. */
  pulumiSecretsProvider: "PULUMI_SECRETS_PROVIDER",
  awsRegion: "AWS_REGION",
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
 * The cloud identities of a stack. `deploy` may change the stack (`pulumi up`) and is trusted only in the stack's
 * deploy environment; `preview` is read-only and is what pull-request previews and drift checks log in as, so code
 * from a pull request never holds deploy rights; `publish` may only push and sign images in the stack's own
 * registry, and is trusted only for `main` (no environment), so images reach every stack's registry before any
 * environment's reviewers are asked; `review` (dev stacks only) creates and removes review environments in the dev
 * cluster and nothing else, trusted only in `review`.
 */
export type IdentityKind = "deploy" | "preview" | "publish" | "review";

/**
 * The variable holding a stack's deploy identity: an IAM role ARN on AWS, a workload identity provider resource
 * name on GCP, an Entra ID application (client) id on Azure.
 */
export function deployIdentityVariable(stack: string): string {
  return `STRATUM_${upperSnake(stack)}_DEPLOY_IDENTITY`;
}

/** The variable holding a stack's read-only preview identity, in the same per-cloud form as the deploy identity. */
export function previewIdentityVariable(stack: string): string {
  return `STRATUM_${upperSnake(stack)}_PREVIEW_IDENTITY`;
}

/** The variable holding a dev stack's review identity (stack output `reviewIdentity`), in the same per-cloud form. */
export function reviewIdentityVariable(stack: string): string {
  return `STRATUM_${upperSnake(stack)}_REVIEW_IDENTITY`;
}

/** The variable holding a stack's publish identity (push and sign in its registry), in the same per-cloud form. */
export function publishIdentityVariable(stack: string): string {
  return `STRATUM_${upperSnake(stack)}_PUBLISH_IDENTITY`;
}

/** The variable holding the given identity of a stack. */
export function identityVariable(stack: string, kind: IdentityKind): string {
  switch (kind) {
    case "deploy":
      return deployIdentityVariable(stack);
    case "preview":
      return previewIdentityVariable(stack);
    case "publish":
      return publishIdentityVariable(stack);
    case "review":
      return reviewIdentityVariable(stack);
  }
}

/**
 * The variable holding the host of a stack's registry (the `registryHost` output, e.g.
 * `123456789012.dkr.ecr.us-east-1.amazonaws.com`): what the publish job logs in to. The publish identity cannot
 * read the stack's state, so the publish job learns its registry from variables, not from stack outputs.
 */
export function registryHostVariable(stack: string): string {
  return `STRATUM_${upperSnake(stack)}_REGISTRY_HOST`;
}

/** The variable holding a stack's `registryUrls` output as JSON (workload → repository URL): where each image is copied. */
export function registryUrlsVariable(stack: string): string {
  return `STRATUM_${upperSnake(stack)}_REGISTRY_URLS`;
}

/**
 * The cloud account a stack's login names besides its identity, one variable per stack because each stack may live
 * in its own project or subscription: the GCP project (`projectId` output → `project_id` of google-github-actions/auth),
 * the Entra ID tenant and the Azure subscription (`tenantId`, `subscriptionId` outputs → azure/login).
 */
export const accountOutputs = { gcp: ["projectId"], azure: ["tenantId", "subscriptionId"] } as const;
export type AccountOutput = (typeof accountOutputs)[keyof typeof accountOutputs][number];

/** `projectId` of `dev-gcp` → `STRATUM_DEV_GCP_PROJECT_ID`; `subscriptionId` of `prod-azure` → `STRATUM_PROD_AZURE_SUBSCRIPTION_ID`. */
export function accountVariable(stack: string, output: AccountOutput): string {
  return `STRATUM_${upperSnake(stack)}_${upperSnake(output.replace(/([a-z])([A-Z])/g, "$1_$2"))}`;
}

/** The label that asks for a review environment on a pull request. */
export const reviewLabel = "review-env";
