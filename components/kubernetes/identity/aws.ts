import { Role } from "@pulumi/aws/iam/index.js";
import { PodIdentityAssociation } from "@pulumi/aws/eks/index.js";
import type { Driver } from "../../capability.ts";
import type { WorkloadIdentity, WorkloadIdentityArgs } from "./identity.ts";

/** The EKS Pod Identity agent: a host-network DaemonSet on a link-local address every node answers on. */
export const podIdentityAgent = { cidr: "169.254.170.23/32", port: 80, protocol: "TCP" } as const;

export interface AwsWorkloadIdentity extends WorkloadIdentity {
  readonly native: { readonly role: Role; readonly association: PodIdentityAssociation };
}

/**
 * Trusts EKS Pod Identity only for this cluster, namespace and service account (the session tags EKS sets), so
 * the role cannot be associated with any other workload.
 */
export function podIdentityTrust(clusterName: string, namespace: string, serviceAccount: string): object {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        Condition: {
          StringEquals: {
            "aws:RequestTag/eks-cluster-name": clusterName,
            "aws:RequestTag/kubernetes-namespace": namespace,
            "aws:RequestTag/kubernetes-service-account": serviceAccount,
          },
        },
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
      assumeRolePolicy: args.cluster.clusterName.apply((cluster) => JSON.stringify(podIdentityTrust(cluster, args.namespace, args.serviceAccountName))),
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
