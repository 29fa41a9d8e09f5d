import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam/index.js";
import * as eks from "@pulumi/aws/eks/index.js";
import type { DriverContext } from "../../capability.ts";
import { policyDocument, policyJson, type PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import { workloadRolePath } from "../../kubernetes/identity/aws.ts";
import { reviewKubernetesGroup, reviewNamespaceWildcard } from "../../review/names.ts";

export interface AwsReviewIdentityArgs {
  readonly repository: string;
  /** The exact OIDC subject it trusts: `repo:OWNER/REPO:environment:review`. */
  readonly subject: string;
  readonly trust: ReturnType<typeof policyDocument>;
  readonly account: pulumi.Input<string>;
  readonly clusterName: pulumi.Input<string>;
}

/** What the review identity does with EKS Pod Identity: bind a review namespace's ServiceAccounts to the dev workload roles. */
export const reviewPodIdentityActions = {
  onCluster: ["eks:CreatePodIdentityAssociation", "eks:ListPodIdentityAssociations"],
  // TagResource: the platform's tags are set on every association when it is created.
  onAssociations: ["eks:DescribePodIdentityAssociation", "eks:DeletePodIdentityAssociation", "eks:TagResource"],
} as const;

/**
 * The review identity of a dev stack (`<name>-<env>-review`), trusted only in the `review` GitHub Environment.
 * It may do exactly what creating and removing a review environment takes, and nothing that changes the dev
 * stack: read the cluster's endpoint; in Kubernetes, edit inside `pr-*` namespaces (an EKS access policy scoped
 * to them) and, as the group `stratum-review`, create and delete `pr-<digits>` namespaces (the dev cluster's
 * ReviewNamespaceGuard); create and delete the cluster's Pod Identity associations, passing only the dev
 * stack's workload roles (their IAM path) to EKS Pod Identity. Pushing the pull request's images into the dev
 * repositories of the cluster's workloads is granted by the registry (`<prefix>-review-registry`). IAM cannot
 * condition a push on its tag: the workflow tags review images `pr-<n>-<sha>`, and the repositories' immutable
 * tags keep every tag already there as it is.
 */
export function awsReviewIdentity(ctx: DriverContext, args: AwsReviewIdentityArgs): { role: iam.Role; entry: eks.AccessEntry; association: eks.AccessPolicyAssociation } {
  const opts = { parent: ctx.parent };
  const region = ctx.region;
  const clusterArn = pulumi.interpolate`arn:aws:eks:${region}:${args.account}:cluster/${args.clusterName}`;
  const statements: PolicyStatement[] = [
    { Sid: "ReachCluster", Effect: "Allow", Action: ["eks:DescribeCluster"], Resource: [clusterArn] },
    { Sid: "PodIdentityOnCluster", Effect: "Allow", Action: [...reviewPodIdentityActions.onCluster], Resource: [clusterArn] },
    {
      Sid: "PodIdentityAssociations",
      Effect: "Allow",
      Action: [...reviewPodIdentityActions.onAssociations],
      Resource: [pulumi.interpolate`arn:aws:eks:${region}:${args.account}:podidentityassociation/${args.clusterName}/*`],
    },
    {
      Sid: "PassWorkloadRoles",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [pulumi.interpolate`arn:aws:iam::${args.account}:role${workloadRolePath(ctx)}*`],
      Condition: { StringEquals: { "iam:PassedToService": "pods.eks.amazonaws.com" } },
    },
  ];
  const name = ctx.name("review");
  const role = new iam.Role(name, {
    name,
    description: `GitHub Actions review environments of ${args.repository} (${args.subject}): pr-* namespaces of the dev cluster`,
    assumeRolePolicy: policyJson(args.trust),
    maxSessionDuration: 3600,
  }, opts);
  new iam.RolePolicy(ctx.name("review-permissions"), { role: role.id, policy: policyJson(policyDocument(...statements)) }, opts);
  const entry = new eks.AccessEntry(ctx.name("review-access"), { clusterName: args.clusterName, principalArn: role.arn, kubernetesGroups: [reviewKubernetesGroup], type: "STANDARD" }, opts);
  const association = new eks.AccessPolicyAssociation(ctx.name("review-access-policy"), {
    clusterName: args.clusterName,
    principalArn: entry.principalArn,
    policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSEditPolicy",
    // EKS access scopes take a trailing wildcard: every `pr-*` namespace, and no other.
    accessScope: { type: "namespace", namespaces: [reviewNamespaceWildcard] },
  }, opts);
  return { role, entry, association };
}
