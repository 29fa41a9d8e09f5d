import type * as pulumi from "@pulumi/pulumi";
import type { Grant } from "../../grants.ts";
import type { Network } from "../network/network.ts";

/** A principal's access to the registry: push (and sign, and read back) or pull images. */
export interface RegistryAccess {
  readonly images: "push" | "pull";
  /** The workloads whose repositories it is granted; all of the stack's when absent. */
  readonly workloads?: readonly string[];
}

/**
 * Container image repositories, one per workload, immutable tags, scanning on push, a customer-managed key and a
 * cleanup policy. AWS: an `ecr.Repository` per workload + `ecr.LifecyclePolicy`. GCP: an
 * `artifactregistry.Repository` (every field explicit, immutable tags, CMEK, cleanup policies), one image path per
 * workload. Azure: a `containerregistry.Registry` (Premium, admin user off, private endpoint, retention), one
 * repository per workload.
 */
export interface RegistryArgs {
  readonly repositories: readonly string[];
  /**
   * The network the registry is reached from privately. Azure: the registry's private endpoint and its DNS zone
   * (public network access off). AWS and GCP reach theirs through the network's own endpoints or Google's
   * private access, and leave it unused.
   */
  readonly network: Network;
  readonly keyId: pulumi.Input<string>;
  /**
   * The audit capability's `logDestination`, where this resource's own logs go. Azure: the Log Analytics workspace
   * a diagnostic setting on the resource sends them to (clouds/azure/diagnostic-setting.ts). AWS and GCP log
   * through their own services and leave it unused.
   */
  readonly logDestination: pulumi.Input<string>;
  /** Untagged images (layers left by a failed push, old signatures' manifests) expire after this many days. */
  readonly untaggedImageExpiryDays: number;
  /** Only the newest this many images of a repository are kept. */
  readonly imagesKept: number;
  /**
   * Who may push or pull which repositories. AWS: a policy on the principal's role for exactly those repositories
   * (push also the registry key, through ECR only). GCP: `roles/artifactregistry.writer` or `reader` on the
   * repository. Azure: AcrPush or AcrPull on the registry (scope-map tokens for a subset of repositories).
   */
  readonly grants: readonly Grant<RegistryAccess>[];
}

export interface Registry {
  /** Repository URL per workload name, e.g. `123.dkr.ecr.us-east-1.amazonaws.com/acme-dev-api`. */
  readonly repositoryUrls: Readonly<Record<string, pulumi.Output<string>>>;
  /** The registry's host, what CI logs in to, e.g. `123.dkr.ecr.us-east-1.amazonaws.com`. */
  readonly host: pulumi.Output<string>;
}
