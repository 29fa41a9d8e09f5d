import type * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/cluster.ts";

/**
 * The identities the generated GitHub Actions workflows log in with: OIDC federation, no long-lived keys, each
 * trust pinned to exact `repo:OWNER/REPO:environment:ENV` subjects (no wildcards). Two per stack: the deploy
 * identity, which may change the stack, and a read-only preview identity for pull-request previews and drift
 * checks (a pull request's own code runs there, so it never holds deploy rights). AWS: IAM OIDC provider + roles.
 * GCP: workload identity pool + provider with an attribute condition. Azure: user-assigned identities + federated
 * credentials.
 */
export interface CiIdentityArgs {
  readonly repository: string;
  /** The GitHub Environments whose jobs deploy the stack: the deploy identity trusts exactly their subjects. */
  readonly deployEnvironments: readonly string[];
  /** The GitHub Environment of read-only jobs (previews, drift checks): the preview identity trusts only it. */
  readonly previewEnvironment: string;
  /** Dev stacks only: the GitHub Environment of review jobs, trusted by the review identity alone. */
  readonly reviewEnvironment?: string;
  /** The cluster the deploy jobs roll workloads out to: the identity is granted access to it. */
  readonly cluster: Cluster;
  /** The key the front end's files are encrypted with: the deploy identity uploads them. */
  readonly frontendKeyId: pulumi.Input<string>;
}

export interface CiIdentity {
  /** What the login action takes: a role ARN, a workload identity provider name, or a client id. */
  readonly deployIdentity: pulumi.Output<string>;
  /** The exact OIDC subjects the deploy identity accepts, one per deploy environment. */
  readonly deploySubjects: readonly string[];
  /** The read-only identity previews and drift checks log in with, in the same form as `deployIdentity`. */
  readonly previewIdentity: pulumi.Output<string>;
  /** The exact OIDC subject the preview identity accepts. */
  readonly previewSubject: string;
  /** Dev stacks: the identity review environments are created with (components/infra/ci-identity/aws-review.ts). */
  readonly reviewIdentity?: pulumi.Output<string>;
  /** The exact OIDC subject the review identity accepts: `repo:OWNER/REPO:environment:review`. */
  readonly reviewSubject?: string;
}
