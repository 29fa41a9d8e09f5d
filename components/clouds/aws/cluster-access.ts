import type * as pulumi from "@pulumi/pulumi";
import * as eks from "@pulumi/aws/eks/index.js";
import type { DriverContext } from "../../capability.ts";

/** EKS access policies stratum grants, least first. */
export type ClusterAccessPolicy = "AmazonEKSViewPolicy" | "AmazonEKSEditPolicy" | "AmazonEKSAdminPolicy";

/**
 * Cluster access for one IAM principal through an EKS access entry (never the aws-auth ConfigMap), scoped to the
 * whole cluster with one of AWS's managed access policies.
 */
export function clusterAccess(ctx: DriverContext, suffix: string, clusterName: pulumi.Input<string>, principalArn: pulumi.Input<string>, policy: ClusterAccessPolicy): { entry: eks.AccessEntry; association: eks.AccessPolicyAssociation } {
  const opts = { parent: ctx.parent };
  const entry = new eks.AccessEntry(ctx.name(`${suffix}-access`), { clusterName, principalArn, type: "STANDARD" }, opts);
  const association = new eks.AccessPolicyAssociation(ctx.name(`${suffix}-access-policy`), {
    clusterName,
    principalArn: entry.principalArn,
    policyArn: `arn:aws:eks::aws:cluster-access-policy/${policy}`,
    accessScope: { type: "cluster" },
  }, opts);
  return { entry, association };
}
