import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import type { Driver } from "../../capability.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { reviewFederationRole } from "../../clouds/azure/review-federation-role.ts";
import { roleAssignment } from "../../clouds/azure/role-assignment.ts";
import { clientIdAnnotation, entraTokenEndpoint, serviceAccountSubject, tokenExchangeAudience, useLabel } from "../../clouds/azure/workload-identity.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity.ts";

export interface AzureWorkloadIdentity extends WorkloadIdentity {
  readonly native: { readonly identity: managedidentity.UserAssignedIdentity; readonly credential: managedidentity.FederatedIdentityCredential };
}

/**
 * Azure Workload Identity: a user-assigned identity per workload (`<name>-<env>-<workload>`), trusting the
 * cluster's OIDC issuer for exactly `system:serviceaccount:<namespace>:<serviceAccount>` (one federated credential,
 * audience `api://AzureADTokenExchange`). The ServiceAccount names the identity's client id and the pods carry
 * `azure.workload.identity/use`, so the webhook projects the token and sets `AZURE_CLIENT_ID`, `AZURE_TENANT_ID`,
 * `AZURE_FEDERATED_TOKEN_FILE` and `AZURE_AUTHORITY_HOST`. The identity has no role of its own: the lake,
 * database and warehouse drivers assign theirs on their resources to `principal` (its principal id).
 * Review namespaces (`pr-<n>`) cannot be trusted in advance (a federated credential names one subject, no
 * wildcard): each review environment adds its own credential to this identity (azure-review.ts), which the review
 * CI identity (`reviewer`) may do through the stack's review federation role, assigned on this identity only.
 */
export const azureWorkloadIdentity: Driver<WorkloadIdentityArgs, AzureWorkloadIdentity> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const resourceGroupName = resourceGroupOf(ctx);
    const identity = new managedidentity.UserAssignedIdentity(ctx.name(args.workload), { resourceName: ctx.name(args.workload), resourceGroupName, location: ctx.region }, opts);
    const credential = new managedidentity.FederatedIdentityCredential(ctx.name(`${args.workload}-federation`), {
      resourceName: identity.name,
      resourceGroupName,
      federatedIdentityCredentialResourceName: `${args.namespace}-${args.serviceAccountName}`,
      issuer: args.cluster.oidcIssuerUrl,
      subject: serviceAccountSubject(args.namespace, args.serviceAccountName),
      audiences: [tokenExchangeAudience],
    }, opts);
    // Dev: the review identity may add its namespaces' credentials to this identity (azure-review.ts), nothing more.
    if (args.reviewNamespaces && args.reviewer) {
      const role = reviewFederationRole(ctx);
      roleAssignment(ctx, `${args.workload}-review-federation`, { scope: identity.id, role: { id: role.id, name: "review federation" }, principalId: args.reviewer.id, principalType: "ServicePrincipal" });
    }
    return {
      principal: { name: args.workload, id: identity.principalId },
      serviceAccountAnnotations: { [clientIdAnnotation]: identity.clientId },
      podLabels: { ...useLabel },
      credentialEndpoints: [entraTokenEndpoint],
      native: { identity, credential },
    };
  },
};
