import * as serviceaccount from "@pulumi/gcp/serviceaccount/index.js";
import type { Driver } from "../../capability.ts";
import { iamMember } from "../../clouds/gcp/iam-member.ts";
import { gkeMetadataServer, gkeServiceAccountAnnotation, kubernetesServiceAccountMember } from "../../clouds/gcp/metadata-server.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import { reviewBinderOf } from "../../clouds/gcp/review-binder.ts";
import { serviceAccountId } from "../../clouds/gcp/service-account-id.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity.ts";

export interface GcpWorkloadIdentity extends WorkloadIdentity {
  readonly native: {
    readonly account: serviceaccount.Account;
    readonly workloadIdentityUser: serviceaccount.IAMMember;
    /** Dev stacks: the review identity's custom role on this account, to bind review namespaces. */
    readonly reviewBinder?: serviceaccount.IAMMember;
  };
}

/**
 * Workload Identity Federation for GKE: a Google service account per workload (`<prefix>-<workload>`, the id
 * service-account-id.ts derives, which the Cloud SQL IAM user is named after), which only this namespace's
 * ServiceAccount may act as (`roles/iam.workloadIdentityUser` for `<project>.svc.id.goog[<ns>/<sa>]` on the
 * account, nothing project-wide) and which the ServiceAccount names in its annotation. The account holds no role
 * of its own: the lake, database and warehouse drivers grant it on their resources. A dev stack's review
 * environments run the workload as this account too: each binds its own namespace here, through the review
 * identity's custom role on this account (components/clouds/gcp/review-binder.ts).
 */
export const gcpWorkloadIdentity: Driver<WorkloadIdentityArgs, GcpWorkloadIdentity> = {
  create(args, ctx) {
    const { projectId } = projectOf(ctx);
    const opts = { parent: ctx.parent };
    const name = ctx.name(args.workload);
    const account = new serviceaccount.Account(name, {
      accountId: serviceAccountId(name),
      displayName: `${name}: ${args.workload} pods`,
      description: `${args.workload} pods in ${args.namespace} (Workload Identity Federation for GKE)`,
      disabled: false,
    }, opts);
    const workloadIdentityUser = new serviceaccount.IAMMember(ctx.name(`${args.workload}-workload-identity`), {
      serviceAccountId: account.name,
      role: "roles/iam.workloadIdentityUser",
      member: kubernetesServiceAccountMember(projectId, args.namespace, args.serviceAccountName),
    }, opts);
    const binder = args.reviewNamespaces ? reviewBinderOf(args.cluster) : undefined;
    const reviewBinder = binder
      ? new serviceaccount.IAMMember(ctx.name(`${args.workload}-review-binder`), { serviceAccountId: account.name, role: binder.role.name, member: iamMember(binder.principal) }, opts)
      : undefined;
    return {
      principal: { name: args.workload, id: account.email },
      serviceAccountAnnotations: { [gkeServiceAccountAnnotation]: account.email },
      podLabels: {},
      credentialEndpoints: gkeMetadataServer,
      native: { account, workloadIdentityUser, ...(reviewBinder ? { reviewBinder } : {}) },
    };
  },
};
