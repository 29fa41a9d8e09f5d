import * as projects from "@pulumi/gcp/projects/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { iamMember } from "../../clouds/gcp/iam-member.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import { recordReviewBinder, reviewBinderPermissions } from "../../clouds/gcp/review-binder.ts";
import { federatedIdentity, type FederatedIdentity } from "../../clouds/gcp/workload-identity-federation.ts";
import type { Principal } from "../../grants.ts";
import { publishRef, type CiIdentity, type CiIdentityArgs, type KubernetesGrant } from "./ci-identity.ts";

export interface GcpCiIdentity extends CiIdentity {
  readonly native: {
    readonly publish: FederatedIdentity;
    readonly deploy: FederatedIdentity;
    readonly preview: FederatedIdentity;
    readonly review?: FederatedIdentity;
    /** `roles/container.clusterViewer` per identity that reaches the cluster. */
    readonly clusterViewers: readonly projects.IAMMember[];
    readonly reviewBinderRole?: projects.IAMCustomRole;
  };
}

/**
 * GKE's only IAM role that lets a principal reach a cluster's API server and nothing else
 * (`container.clusters.get`, `container.clusters.list`): what it may do there is Kubernetes RBAC. GKE has no
 * per-cluster IAM, so it is bound on the project; the broader `roles/container.developer`/`viewer` would grant
 * every namespace's objects of every cluster in the project.
 */
export const clusterReachRole = "roles/container.clusterViewer";

const environmentSubject = (repository: string, environment: string) => `repo:${repository}:environment:${environment}`;

/**
 * GitHub Actions through Workload Identity Federation, a pool per identity (see ci-identity.ts). Publish (pushes
 * to main) holds nothing here: the registry grants it writer on the repositories. Deploy (the deploy
 * environment) reaches the cluster and manages the workload tier's objects in the environment's namespace (a Role
 * bound there only); the registry grants it reader, the front end and model serving their own. Preview (the
 * preview environment) reaches the cluster and views it (`view`, read-only, no Secrets). The review identity
 * (dev) reaches the cluster, and may bind review namespaces' ServiceAccounts to the dev workloads' service
 * accounts (a custom role with exactly that, granted on each of those accounts by the workload identity driver).
 * The Pulumi state bucket and the secrets key are outside the stack: docs/gcp.md says what to grant there.
 */
export const gcpCiIdentity: Driver<CiIdentityArgs, GcpCiIdentity> = {
  create(args, ctx) {
    const { repository } = args;
    const deployEnvironment = args.deployEnvironments[0];
    if (deployEnvironment === undefined || args.deployEnvironments.length !== 1) throw new Error(`the GCP deploy identity trusts exactly one GitHub Environment, got ${JSON.stringify(args.deployEnvironments)}`);
    const publishSubject = `repo:${repository}:ref:${publishRef}`;
    const deploySubject = environmentSubject(repository, deployEnvironment);
    const previewSubject = environmentSubject(repository, args.previewEnvironment);
    const publish = federatedIdentity(ctx, "publish", `GitHub Actions pushes to ${publishRef} of ${repository}: publish and sign this stack's images`, { repository, subject: publishSubject });
    const deploy = federatedIdentity(ctx, "deploy", `GitHub Actions deploys of ${repository} from ${deployEnvironment}`, { repository, subject: deploySubject, environment: deployEnvironment });
    const preview = federatedIdentity(ctx, "preview", `GitHub Actions previews and drift checks of ${repository}: read-only`, { repository, subject: previewSubject, environment: args.previewEnvironment });
    const reviewSubject = args.reviewEnvironment ? environmentSubject(repository, args.reviewEnvironment) : undefined;
    const review = args.reviewEnvironment && reviewSubject
      ? federatedIdentity(ctx, "review", `GitHub Actions review environments of ${repository}: pr-* namespaces of the dev cluster`, { repository, subject: reviewSubject, environment: args.reviewEnvironment })
      : undefined;
    const principal = (name: string, identity: FederatedIdentity): Principal => ({ name, id: identity.principalSet });
    const principals = {
      deploy: principal("deploy", deploy),
      publish: principal("publish", publish),
      preview: principal("preview", preview),
      ...(review ? { review: principal("review", review) } : {}),
    };
    const clusterViewers = [principals.deploy, principals.preview, ...(principals.review ? [principals.review] : [])].map((p) => reachCluster(ctx, p));
    const reviewBinderRole = principals.review ? reviewBinder(ctx) : undefined;
    if (principals.review && reviewBinderRole) recordReviewBinder(args.cluster, { principal: principals.review, role: reviewBinderRole });
    const kubernetesGrants: KubernetesGrant[] = [
      // The workload tier's objects in the environment's namespace, nothing cluster-wide (components/kubernetes/rbac.ts).
      { identity: "deploy", users: [deploy.subjectPrincipal], access: "deploy" },
      { identity: "preview", users: [preview.subjectPrincipal], access: "view" },
      // Review environments: `pr-<digits>` namespaces and what runs in them, confined by the namespace guard.
      ...(review ? [{ identity: "review", users: [review.subjectPrincipal], access: "review" as const }] : []),
    ];
    return {
      deployIdentity: deploy.providerName,
      deploySubjects: [deploySubject],
      publishIdentity: publish.providerName,
      publishSubject,
      previewIdentity: preview.providerName,
      previewSubject,
      ...(review && reviewSubject ? { reviewIdentity: review.providerName, reviewSubject } : {}),
      principals,
      kubernetesGrants,
      native: { publish, deploy, preview, ...(review ? { review } : {}), clusterViewers, ...(reviewBinderRole ? { reviewBinderRole } : {}) },
    };
  },
};

function reachCluster(ctx: DriverContext, principal: Principal): projects.IAMMember {
  return new projects.IAMMember(ctx.name(`${principal.name}-cluster-viewer`), { project: projectOf(ctx).projectId, role: clusterReachRole, member: iamMember(principal) }, { parent: ctx.parent });
}

/** The custom role the review identity holds on each dev workload's service account (components/clouds/gcp/review-binder.ts). */
function reviewBinder(ctx: DriverContext): projects.IAMCustomRole {
  const roleId = ctx.name("review-binder").replace(/-/g, "_");
  return new projects.IAMCustomRole(ctx.name("review-binder"), {
    project: projectOf(ctx).projectId,
    roleId,
    title: `${ctx.name("review")}: bind review namespaces to workload accounts`,
    description: "read and set the IAM policy of the dev workloads' service accounts, to add a review namespace's workloadIdentityUser member",
    permissions: [...reviewBinderPermissions],
    stage: "GA",
  }, { parent: ctx.parent });
}
