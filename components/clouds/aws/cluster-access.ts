import type * as pulumi from "@pulumi/pulumi";
import * as eks from "@pulumi/aws/eks/index.js";
import type { DriverContext } from "../../capability.ts";

/** EKS access policies stratum grants, least first. */
export type ClusterAccessPolicy = "AmazonEKSViewPolicy" | "AmazonEKSEditPolicy" | "AmazonEKSAdminPolicy";

/** Where an access policy applies: the whole cluster, or only these namespaces. */
export type ClusterAccessScope = { readonly type: "cluster" } | { readonly type: "namespace"; readonly namespaces: readonly string[] };

/**
 * Cluster access for one IAM principal through an EKS access entry (never the aws-auth ConfigMap), with one of
 * AWS's managed access policies, over the whole cluster or only the given namespaces.
 */
export function clusterAccess(ctx: DriverContext, suffix: string, clusterName: pulumi.Input<string>, principalArn: pulumi.Input<string>, policy: ClusterAccessPolicy, scope: ClusterAccessScope = { type: "cluster" }): { entry: eks.AccessEntry; association: eks.AccessPolicyAssociation } {
  const opts = { parent: ctx.parent };
  const entry = new eks.AccessEntry(ctx.name(`${suffix}-access`), { clusterName, principalArn, type: "STANDARD" }, opts);
  const association = new eks.AccessPolicyAssociation(ctx.name(`${suffix}-access-policy`), {
    clusterName,
    principalArn: entry.principalArn,
    policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`,
    accessScope: scope.type === "cluster" ? { type: "cluster" } : { type: "namespace", namespaces: [...scope.namespaces] },
  }, opts);
  return { entry, association };
}

/**
 * A team's way into the cluster: an access entry that maps the team's IAM role to the Kubernetes group of the same
 * name, and no access policy. What the team may do is then exactly the namespaced Roles the Kubernetes tier binds
 * to that group (viewer, deployer) — never a cluster-wide managed policy such as AmazonEKSEditPolicy, which can
 * read Secrets in every namespace.
 */
export function teamAccess(ctx: DriverContext, team: { readonly name: string; readonly group: string }, clusterName: pulumi.Input<string>): eks.AccessEntry {
  return new eks.AccessEntry(ctx.name(`team-${team.name}-access`), { clusterName, principalArn: team.group, kubernetesGroups: [team.group], type: "STANDARD" }, { parent: ctx.parent });
}
