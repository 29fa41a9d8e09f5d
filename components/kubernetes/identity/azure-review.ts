import type * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import type { Driver } from "../../capability.ts";
import { existingResourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { clientIdAnnotation, entraTokenEndpoint, serviceAccountSubject, tokenExchangeAudience, useLabel } from "../../clouds/azure/workload-identity.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity.ts";
import { baseIdentityOf } from "./base-identity.ts";

export interface AzureReviewWorkloadIdentity extends WorkloadIdentity {
  readonly native: { readonly credential: managedidentity.FederatedIdentityCredential };
}

/**
 * A review environment's workload identity on Azure: no identity of its own. The base (dev) stack's identity of
 * the same workload (`<name>-<env>-<workload>`, in the base's resource group, which the review never creates)
 * gets one more federated credential, for the workload's ServiceAccount in the `pr-<n>` namespace, on the same
 * cluster's issuer; the review's ServiceAccount names that identity's client id. A review pod so reaches exactly
 * the data the dev workload reaches, as the same database user. An identity takes at most 20 federated
 * credentials: one is the dev namespace's, so at most 19 review environments run a workload at once.
 */
export function azureReviewWorkloadIdentity(baseIdentities: pulumi.Output<Readonly<Record<string, string>>>): Driver<WorkloadIdentityArgs, AzureReviewWorkloadIdentity> {
  return {
    create(args, ctx) {
      const principalId = baseIdentityOf(baseIdentities, args.workload);
      const resourceGroupName = existingResourceGroupOf(ctx);
      // The base's identity, by the name its driver gave it (the review's spec names the same platform and environment).
      const resourceName = ctx.name(args.workload);
      const base = managedidentity.getUserAssignedIdentityOutput({ resourceGroupName, resourceName }, { parent: ctx.parent });
      const credential = new managedidentity.FederatedIdentityCredential(ctx.name(`${args.workload}-${args.namespace}-federation`), {
        resourceName,
        resourceGroupName,
        federatedIdentityCredentialResourceName: `${args.namespace}-${args.serviceAccountName}`,
        issuer: args.cluster.oidcIssuerUrl,
        subject: serviceAccountSubject(args.namespace, args.serviceAccountName),
        audiences: [tokenExchangeAudience],
      }, { parent: ctx.parent });
      return {
        principal: { name: args.workload, id: principalId },
        serviceAccountAnnotations: { [clientIdAnnotation]: base.clientId },
        podLabels: { ...useLabel },
        credentialEndpoints: [entraTokenEndpoint],
        native: { credential },
      };
    },
  };
}
