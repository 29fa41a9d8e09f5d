import type * as projects from "@pulumi/gcp/projects/index.js";
import type { Cluster } from "../../infra/cluster/cluster.ts";
import type { Principal } from "../../grants.ts";

/**
 * A dev stack's review identity and the custom role it holds on each dev workload's service account, to add (and
 * remove) a review namespace's `workloadIdentityUser` member there: GKE has no wildcard for namespaces, so each
 * review environment binds its own. The CI identity driver records it for the stack's cluster; the workload
 * identity driver, which sees the same cluster, grants it on each account it makes. Keyed by the cluster object,
 * so two stacks planned in one process never share one.
 */
export interface ReviewBinder {
  readonly principal: Principal;
  readonly role: projects.IAMCustomRole;
}

const binders = new WeakMap<Cluster, ReviewBinder>();

export function recordReviewBinder(cluster: Cluster, binder: ReviewBinder): void {
  binders.set(cluster, binder);
}

export function reviewBinderOf(cluster: Cluster): ReviewBinder | undefined {
  return binders.get(cluster);
}

/** What binding a review namespace's ServiceAccount to a workload's account takes: reading and setting its IAM policy. */
export const reviewBinderPermissions = ["iam.serviceAccounts.get", "iam.serviceAccounts.getIamPolicy", "iam.serviceAccounts.setIamPolicy"] as const;
