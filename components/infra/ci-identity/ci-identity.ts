import type * as pulumi from "@pulumi/pulumi";
import type { Cluster } from "../cluster/cluster.ts";
import type { Principal } from "../../grants.ts";

/**
 * The identities the generated GitHub Actions workflows log in with: OIDC federation, no long-lived keys, each
 * trust pinned to exact subjects (no wildcards). Three per stack, each able to do what its jobs do and no more:
 * - publish (`repo:OWNER/REPO:ref:refs/heads/main`, no environment): copies the scanned images into this stack's
 *   registry and signs them there; nothing else.
 * - deploy (the stack's deploy environments): reads the stack, verifies the images' signatures, rolls the
 *   workloads out in the environment's namespace, uploads the front end, invalidates the CDN and re-creates the
 *   managed model endpoint configuration an image change replaces. Infrastructure changes are an
 *   administrator's `pulumi up`.
 * - preview (the `preview` environment): reads the stack's configuration and views the cluster; a pull
 *   request's own code runs with it.
 * AWS: IAM OIDC provider + roles. GCP: workload identity pool + provider with an attribute condition. Azure:
 * user-assigned identities + federated credentials.
 * What the identities may do to a resource (pushing and pulling images, the front end's bucket and CDN, the
 * managed model endpoints) is granted by that resource's own driver, to the principals this contract returns (`principals`, see components/grants.ts).
 */
export interface CiIdentityArgs {
  readonly repository: string;
  /** The GitHub Environments whose jobs deploy the stack: the deploy identity trusts exactly their subjects. */
  readonly deployEnvironments: readonly string[];
  /** The GitHub Environment of read-only jobs (previews, drift checks): the preview identity trusts only it. */
  readonly previewEnvironment: string;
  /** Dev stacks only: the GitHub Environment of review jobs, trusted by the review identity alone. */
  readonly reviewEnvironment?: string;
  /** The cluster the deploy jobs roll workloads out to: the identities are granted access to it. */
  readonly cluster: Cluster;
  /** The environment's Kubernetes namespace: the deploy identity administers it and nothing else in the cluster. */
  readonly namespace: string;
}

/** The only ref whose pushes publish images: the publish identity trusts exactly this ref's subject. */
export const publishRef = "refs/heads/main";

export interface CiIdentity {
  /** What the login action takes: a role ARN, a workload identity provider name, or a client id. */
  readonly deployIdentity: pulumi.Output<string>;
  /** The exact OIDC subjects the deploy identity accepts, one per deploy environment. */
  readonly deploySubjects: readonly string[];
  /** The identity publish jobs log in with to push and sign images, in the same form as `deployIdentity`. */
  readonly publishIdentity: pulumi.Output<string>;
  /** The exact OIDC subject the publish identity accepts: pushes to `main`. */
  readonly publishSubject: string;
  /** The read-only identity previews and drift checks log in with, in the same form as `deployIdentity`. */
  readonly previewIdentity: pulumi.Output<string>;
  /** The exact OIDC subject the preview identity accepts. */
  readonly previewSubject: string;
  /** Dev stacks: the identity review environments are created with (components/infra/ci-identity/aws-review.ts). */
  readonly reviewIdentity?: pulumi.Output<string>;
  /** The exact OIDC subject the review identity accepts: `repo:OWNER/REPO:environment:review`. */
  readonly reviewSubject?: string;
  /** The identities as principals, for the capabilities that grant them access to their resources. */
  readonly principals: { readonly deploy: Principal; readonly publish: Principal; readonly preview: Principal; readonly review?: Principal };
  /**
   * What the identities may do inside the cluster where the cluster authorizes them by Kubernetes RBAC, bound by
   * the workload tier once the environment's namespace exists. AWS: absent (EKS access policies, made by the
   * driver). GCP: the pools' principals, after `roles/container.clusterViewer` let them reach the API server.
   */
  readonly kubernetesGrants?: readonly KubernetesGrant[];
}

/** A Kubernetes RBAC grant to a CI identity's users (the Kubernetes tier's rbac.ts says what each access holds). */
export interface KubernetesGrant {
  /** The identity it is for (`deploy`, `preview`): names the binding. */
  readonly identity: string;
  /**
   * The Kubernetes user names the cluster authenticates the identity's jobs as (GKE: the pool's subject; AKS:
   * the managed identity's object id, known once the identity exists).
   */
  readonly users: readonly pulumi.Input<string>[];
  /**
   * `deploy`: manage the workload tier's objects in the environment's namespace only; `view`: read every namespace
   * (no Secrets); `review`: what the review namespace guard admits the review group to (components/review/
   * namespace-guard.ts): `pr-<digits>` namespaces and the workload tier's objects in them, nothing else.
   */
  readonly access: "deploy" | "view" | "review";
}
