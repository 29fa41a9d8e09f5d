import type * as pulumi from "@pulumi/pulumi";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { clusterResourceId, namespaceResourceId } from "../../clouds/azure/cluster-id.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { roleAssignment, type BuiltInRole } from "../../clouds/azure/role-assignment.ts";
import { publishRef, type CiIdentity, type CiIdentityArgs } from "./ci-identity.ts";

export interface AzureCiIdentity extends CiIdentity {
  readonly native: Readonly<Record<"deploy" | "publish" | "preview" | "review", managedidentity.UserAssignedIdentity | undefined>>;
}

/** GitHub Actions' token issuer and the audience Entra ID's token exchange takes. */
export const githubIssuer = "https://token.actions.githubusercontent.com";
export const azureTokenAudience = "api://AzureADTokenExchange";

const environmentSubject = (repository: string, environment: string) => `repo:${repository}:environment:${environment}`;
const refSubject = (repository: string, ref: string) => `repo:${repository}:ref:${ref}`;

/** Where an identity reaches the cluster: roles of Azure RBAC for Kubernetes, each on one scope. */
interface ClusterRole {
  readonly role: BuiltInRole;
  readonly scope: pulumi.Input<string>;
}

/**
 * GitHub Actions as user-assigned identities with federated credentials (no client secret): each identity
 * trusts GitHub's issuer, the `api://AzureADTokenExchange` audience and exactly its subjects, one credential per
 * subject. `deployIdentity` and the others are client ids (what `azure/login` takes). Every role assignment is
 * on one resource, never the subscription or the group: the cluster's here (lib/permissions/azure-roles.ts lists
 * them); the registry's (AcrPush for publish, AcrPull for deploy), the front end's and the managed models' are
 * granted by their own drivers to `principals`. The Pulumi state container and the secrets key are outside the
 * stack: bootstrap grants them (docs/azure.md, "Before a first `pulumi up`").
 * - deploy: Cluster User on the cluster (the kubeconfig) and Azure Kubernetes Service RBAC Admin on the
 *   environment's namespace only (its workloads and the teams' Roles and RoleBindings; not the namespace itself
 *   nor anything cluster-wide).
 * - preview: Cluster User and Azure Kubernetes Service RBAC Reader on the cluster (no Secrets).
 * - publish: nothing here.
 * - review: Cluster User on the cluster; inside it, Kubernetes RBAC for its object id (AKS evaluates Kubernetes
 *   RBAC beside Azure RBAC, and names a managed identity by its object id), which the review namespace guard binds
 *   and confines to `pr-<digits>` namespaces: Azure RBAC can scope a role to one namespace, not to a pattern.
 */
export const azureCiIdentity: Driver<CiIdentityArgs, AzureCiIdentity> = {
  create(args, ctx) {
    const cluster = clusterResourceId(ctx, args.cluster);
    const clusterUser: ClusterRole = { role: "Azure Kubernetes Service Cluster User Role", scope: cluster };
    const deploySubjects = args.deployEnvironments.map((env) => environmentSubject(args.repository, env));
    const publishSubject = refSubject(args.repository, publishRef);
    const previewSubject = environmentSubject(args.repository, args.previewEnvironment);
    const reviewSubject = args.reviewEnvironment ? environmentSubject(args.repository, args.reviewEnvironment) : undefined;

    const deploy = githubIdentity(ctx, "deploy", deploySubjects, [clusterUser, { role: "Azure Kubernetes Service RBAC Admin", scope: namespaceResourceId(ctx, args.cluster, args.namespace) }]);
    const publish = githubIdentity(ctx, "publish", [publishSubject], []);
    const preview = githubIdentity(ctx, "preview", [previewSubject], [clusterUser, { role: "Azure Kubernetes Service RBAC Reader", scope: cluster }]);
    const review = reviewSubject ? githubIdentity(ctx, "review", [reviewSubject], [clusterUser]) : undefined;
    return {
      deployIdentity: deploy.clientId,
      deploySubjects,
      publishIdentity: publish.clientId,
      publishSubject,
      previewIdentity: preview.clientId,
      previewSubject,
      ...(review && reviewSubject ? { reviewIdentity: review.clientId, reviewSubject } : {}),
      principals: {
        deploy: { name: "deploy", id: deploy.principalId },
        publish: { name: "publish", id: publish.principalId },
        preview: { name: "preview", id: preview.principalId },
        ...(review ? { review: { name: "review", id: review.principalId } } : {}),
      },
      ...(review ? { kubernetesGrants: [{ identity: "review", users: [review.principalId], access: "review" as const }] } : {}),
      native: { deploy, publish, preview, review },
    };
  },
};

/** A user-assigned identity `<name>-<env>-<suffix>`, a federated credential per GitHub subject, its cluster roles. */
function githubIdentity(ctx: DriverContext, suffix: string, subjects: readonly string[], clusterRoles: readonly ClusterRole[]): managedidentity.UserAssignedIdentity {
  const opts = { parent: ctx.parent };
  const resourceGroupName = resourceGroupOf(ctx);
  const identity = new managedidentity.UserAssignedIdentity(ctx.name(suffix), { resourceName: ctx.name(suffix), resourceGroupName, location: ctx.region }, opts);
  subjects.forEach((subject, i) => {
    // A credential's name is unique per identity: the subject's last segment (environment or branch) names it.
    const label = subject.split(":").pop()!.replace(/[^A-Za-z0-9-]/g, "-");
    new managedidentity.FederatedIdentityCredential(ctx.name(`${suffix}-github-${i}`), {
      resourceName: identity.name,
      resourceGroupName,
      federatedIdentityCredentialResourceName: `github-${label}`,
      issuer: githubIssuer,
      subject,
      audiences: [azureTokenAudience],
    }, opts);
  });
  clusterRoles.forEach((grant, i) => {
    roleAssignment(ctx, `${suffix}-cluster-${i}`, { scope: grant.scope, role: grant.role, principalId: identity.principalId, principalType: "ServicePrincipal" });
  });
  return identity;
}
