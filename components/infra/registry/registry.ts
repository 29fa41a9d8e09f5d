import type * as pulumi from "@pulumi/pulumi";

/**
 * Container image repositories, one per workload. AWS: ECR. GCP: Artifact Registry. Azure: ACR (Premium).
 * Immutable tags, scanning on push, customer-managed key, a cleanup/lifecycle policy.
 */
export interface RegistryArgs {
  readonly repositories: readonly string[];
  readonly keyId: pulumi.Input<string>;
  /** Untagged images (layers left by a failed push, old signatures' manifests) expire after this many days. */
  readonly untaggedImageExpiryDays: number;
  /** Only the newest this many images of a repository are kept. */
  readonly imagesKept: number;
}

export interface Registry {
  /** Repository URL per workload name, e.g. `123.dkr.ecr.us-east-1.amazonaws.com/acme-dev-api`. */
  readonly repositoryUrls: Readonly<Record<string, pulumi.Output<string>>>;
  /** The registry's host, what CI logs in to, e.g. `123.dkr.ecr.us-east-1.amazonaws.com`. */
  readonly host: pulumi.Output<string>;
}
