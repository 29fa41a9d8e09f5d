import { Role } from "@pulumi/aws/iam/index.js";
import { PodIdentityAssociation } from "@pulumi/aws/eks/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { reviewNamespaceWildcard } from "../../review/names.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity.ts";

/** The EKS Pod Identity agent: a host-network DaemonSet on a link-local address every node answers on. */
export const podIdentityAgent = { cidr: "169.254.170.23/32", port: 80, protocol: "TCP" } as const;

export interface AwsWorkloadIdentity extends WorkloadIdentity {
  readonly native: { readonly role: Role; readonly association: PodIdentityAssociation };
}

/** The IAM path of a stack's workload roles: the review identity may pass exactly the roles on it. */
export function workloadRolePath(ctx: Pick<DriverContext, "name">): string {
  return `/${ctx.name("workloads")}/`;
}

/**
 * Trusts EKS Pod Identity only for this cluster, namespace and service account (the session tags EKS sets), so
 * the role cannot be associated with any other workload. A dev stack's roles also admit the same service account
 * in review namespaces (`pr-*`): a review environment runs the workload as the dev workload, with the same grants.
 */
export function podIdentityTrust(clusterName: string, namespace: string, serviceAccount: string, reviewNamespaces = false): object {
  const namespaceKey = "aws:RequestTag/kubernetes-namespace";
  const equals = { "aws:RequestTag/eks-cluster-name": clusterName, ...(reviewNamespaces ? {} : { [namespaceKey]: namespace }), "aws:RequestTag/kubernetes-service-account": serviceAccount };
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: { StringEquals: equals, ...(reviewNamespaces ? { StringLike: { [namespaceKey]: [namespace, reviewNamespaceWildcard] } } : {}) },
      },
    ],
  };
}

/**
 * EKS Pod Identity: a role only this cluster, namespace and service account may assume, and the association;
 * no ServiceAccount annotation. The role has no policy of its own: the lake, database and warehouse drivers
 * attach their grants to it.
 */
export const awsWorkloadIdentity: Driver<WorkloadIdentityArgs, AwsWorkloadIdentity> = {
  create(args, ctx) {
    const { workload } = args;
    const parent = { parent: ctx.parent };
    const role = new Role(ctx.name(workload), {
      description: `${workload} pods in ${args.namespace} (EKS Pod Identity)`,
      path: workloadRolePath(ctx),
      assumeRolePolicy: args.cluster.clusterName.apply((cluster) => JSON.stringify(podIdentityTrust(cluster, args.namespace, args.serviceAccountName, args.reviewNamespaces))),
      maxSessionDuration: 3600,
    }, parent);
    const association = new PodIdentityAssociation(ctx.name(workload), {
      clusterName: args.cluster.clusterName,
      namespace: args.namespace,
      serviceAccount: args.serviceAccountName,
      roleArn: role.arn,
    }, parent);
    return { principal: { name: workload, id: role.arn }, serviceAccountAnnotations: {}, podLabels: {}, credentialEndpoints: [podIdentityAgent], native: { role, association } };
  },
};
