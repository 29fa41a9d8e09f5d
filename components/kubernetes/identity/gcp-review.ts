import * as pulumi from "@pulumi/pulumi";
import * as serviceaccount from "@pulumi/gcp/serviceaccount/index.js";
import type { Driver } from "../../capability.ts";
import { gkeMetadataServer, gkeServiceAccountAnnotation, kubernetesServiceAccountMember } from "../../clouds/gcp/metadata-server.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity.ts";

export interface GcpReviewWorkloadIdentity extends WorkloadIdentity {
  readonly native: { readonly workloadIdentityUser: serviceaccount.IAMMember };
}

/**
 * A review environment's workload identity on GCP: no service account of its own. The workload's ServiceAccount
 * in the `pr-<n>` namespace is made a `workloadIdentityUser` of the base stack's account for the same workload
 * (GKE has no namespace wildcard, so each review environment adds its own member, and removes it with the
 * environment), which the review identity may do through its custom role on those accounts. A review pod so
 * reaches exactly the data the dev workload reaches, as the same Cloud SQL IAM user.
 */
export function gcpReviewWorkloadIdentity(baseAccounts: pulumi.Output<Readonly<Record<string, string>>>): Driver<WorkloadIdentityArgs, GcpReviewWorkloadIdentity> {
  return {
    create(args, ctx) {
      const { projectId } = projectOf(ctx);
      const email = baseAccounts.apply((accounts) => {
        const account = accounts[args.workload];
        if (!account) throw new Error(`review environment: the base stack exports no workload identity for "${args.workload}" (stack output workloadRoles); run \`pulumi up\` on the base stack first`);
        return account;
      });
      const workloadIdentityUser = new serviceaccount.IAMMember(ctx.name(`${args.workload}-workload-identity`), {
        serviceAccountId: pulumi.interpolate`projects/${projectId}/serviceAccounts/${email}`,
        role: "roles/iam.workloadIdentityUser",
        member: kubernetesServiceAccountMember(projectId, args.namespace, args.serviceAccountName),
      }, { parent: ctx.parent });
      return {
        principal: { name: args.workload, id: email },
        serviceAccountAnnotations: { [gkeServiceAccountAnnotation]: email },
        podLabels: {},
        credentialEndpoints: gkeMetadataServer,
        native: { workloadIdentityUser },
      };
    },
  };
}
