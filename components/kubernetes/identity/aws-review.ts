import type * as pulumi from "@pulumi/pulumi";
import { PodIdentityAssociation } from "@pulumi/aws/eks/index.js";
import type { Driver } from "../../capability.ts";
import { podIdentityAgent } from "./aws.ts";
import { baseIdentityOf } from "./base-identity.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity.ts";

export interface AwsReviewWorkloadIdentity extends WorkloadIdentity {
  readonly native: { readonly association: PodIdentityAssociation };
}

/**
 * A review environment's workload identity on AWS: no role of its own. The workload's ServiceAccount in the
 * `pr-<n>` namespace is associated (EKS Pod Identity) with the base stack's role for the same workload, whose
 * trust admits the `pr-*` namespaces of the dev cluster for exactly that service account
 * (`podIdentityTrust` in components/kubernetes/identity/aws.ts). So a review pod reaches exactly the data the dev
 * workload reaches, as the same database user, and the review identity needs only `iam:PassRole` on those roles.
 */
export function awsReviewWorkloadIdentity(baseRoles: pulumi.Output<Readonly<Record<string, string>>>): Driver<WorkloadIdentityArgs, AwsReviewWorkloadIdentity> {
  return {
    create(args, ctx) {
      const roleArn = baseIdentityOf(baseRoles, args.workload);
      const association = new PodIdentityAssociation(ctx.name(args.workload), {
        clusterName: args.cluster.clusterName,
        namespace: args.namespace,
        serviceAccount: args.serviceAccountName,
        roleArn,
      }, { parent: ctx.parent });
      // The principal is the base stack's role: the review environment grants nothing of its own.
      return { principal: { name: args.workload, id: roleArn }, serviceAccountAnnotations: {}, podLabels: {}, credentialEndpoints: [podIdentityAgent], native: { association } };
    },
  };
}
