import type * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/cluster.ts";

/**
 * The identity the generated GitHub Actions workflows deploy with: OIDC federation, no long-lived keys, trust
 * pinned to `repo:OWNER/REPO:environment:ENV` (no wildcards). AWS: IAM OIDC provider + role. GCP: workload
 * identity pool + provider with an attribute condition. Azure: user-assigned identity + federated credential.
 */
export interface CiIdentityArgs {
  readonly repository: string;
  /** The GitHub Environment the deploy job runs in: the subject claim is pinned to it. */
  readonly githubEnvironment: string;
  /** The cluster the deploy jobs roll workloads out to: the identity is granted access to it. */
  readonly cluster: Cluster;
}

export interface CiIdentity {
  /** What the login action takes: a role ARN, a workload identity provider name, or a client id. */
  readonly deployIdentity: pulumi.Output<string>;
  /** The exact OIDC subject the trust accepts. */
  readonly subject: string;
}
