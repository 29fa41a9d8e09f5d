import type * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { accountId } from "../../clouds/aws/account.ts";
import { clusterAccess, type ClusterAccessPolicy, type ClusterAccessScope } from "../../clouds/aws/cluster-access.ts";
import { policyDocument, policyJson, type PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import { readStack, type GrantContext } from "./aws-grants.ts";
import { publishRef, type CiIdentity, type CiIdentityArgs } from "./ci-identity.ts";
import { awsReviewIdentity } from "./aws-review.ts";

export interface AwsCiIdentity extends CiIdentity {
  readonly native: {
    readonly oidcProvider: iam.OpenIdConnectProvider;
    readonly deployRole: iam.Role;
    readonly publishRole: iam.Role;
    readonly previewRole: iam.Role;
    readonly reviewRole?: iam.Role;
  };
}

const githubIssuer = "token.actions.githubusercontent.com";
const stsAudience = "sts.amazonaws.com";

/** A role trust for GitHub Actions: GitHub's issuer, STS as audience, and exactly these subjects. */
export function githubTrust(providerArn: pulumi.Input<string>, subjects: readonly string[]) {
  return policyDocument({
    Sid: "GitHubSubjectsOnly",
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: ["sts:AssumeRoleWithWebIdentity"],
    Condition: { StringEquals: { [`${githubIssuer}:aud`]: stsAudience, [`${githubIssuer}:sub`]: subjects.length === 1 ? subjects[0]! : [...subjects] } },
  });
}

const subjectOf = (repository: string, environment: string) => `repo:${repository}:environment:${environment}`;
const refSubject = (repository: string, ref: string) => `repo:${repository}:ref:${ref}`;

/**
 * GitHub Actions OIDC federation, no long-lived keys, and three roles (see ci-identity.ts). Publish (pushes to
 * main, no environment) pushes and signs images in this stack's repositories only. Deploy (the deploy
 * environments) reads the stack, verifies images and administers the environment's namespace. Preview (the
 * preview environment) reads the stack's configuration and views the cluster. What the deploy does to resources
 * made later is granted to its role by their own drivers: uploading the front end and invalidating its CDN
 * (web/frontend/aws.ts), re-creating the managed models' SageMaker model and configuration (ml/serving/aws.ts).
 */
export const awsCiIdentity: Driver<CiIdentityArgs, AwsCiIdentity> = {
  create(args, ctx) {
    const account = accountId(ctx);
    const grants: GrantContext = { ctx, args, account };
    const deploySubjects = args.deployEnvironments.map((env) => subjectOf(args.repository, env));
    const publishSubject = refSubject(args.repository, publishRef);
    const previewSubject = subjectOf(args.repository, args.previewEnvironment);
    const oidcProvider = new iam.OpenIdConnectProvider(ctx.name("github-oidc"), { url: `https://${githubIssuer}`, clientIdLists: [stsAudience] }, { parent: ctx.parent });
    const namespace = args.namespace;
    const clusterName = args.cluster.clusterName;

    const publishRole = githubRole(ctx, "publish", {
      description: `GitHub Actions pushes to ${publishRef} of ${args.repository}: publish and sign this stack's images`,
      trust: githubTrust(oidcProvider.arn, [publishSubject]),
      statements: [],
    }, clusterName);
    const deployRole = githubRole(ctx, "deploy", {
      description: `GitHub Actions deploys of ${args.repository} from ${args.deployEnvironments.join(", ")}`,
      trust: githubTrust(oidcProvider.arn, deploySubjects),
      statements: readStack(grants),
      // Namespaced admin: the workloads tier's Deployments, Jobs, CronJobs, Services, NetworkPolicies and the
      // teams' Roles and RoleBindings in the environment's namespace; nothing cluster-wide, no other namespace.
      cluster: { policy: "AmazonEKSAdminPolicy", scope: { type: "namespace", namespaces: [namespace] } },
    }, clusterName);
    const previewRole = githubRole(ctx, "preview", {
      description: `GitHub Actions previews and drift checks of ${args.repository} from ${args.previewEnvironment}: read-only`,
      trust: githubTrust(oidcProvider.arn, [previewSubject]),
      statements: readStack(grants),
      cluster: { policy: "AmazonEKSViewPolicy", scope: { type: "cluster" } },
    }, clusterName);
    const reviewSubject = args.reviewEnvironment ? subjectOf(args.repository, args.reviewEnvironment) : undefined;
    const review = reviewSubject
      ? awsReviewIdentity(ctx, { repository: args.repository, subject: reviewSubject, trust: githubTrust(oidcProvider.arn, [reviewSubject]), account, clusterName })
      : undefined;
    return {
      ...(review && reviewSubject ? { reviewIdentity: review.role.arn, reviewSubject } : {}),
      deployIdentity: deployRole.arn,
      deploySubjects,
      publishIdentity: publishRole.arn,
      publishSubject,
      previewIdentity: previewRole.arn,
      previewSubject,
      principals: {
        deploy: { name: "deploy", id: deployRole.arn },
        publish: { name: "publish", id: publishRole.arn },
        preview: { name: "preview", id: previewRole.arn },
        ...(review ? { review: { name: "review", id: review.role.arn } } : {}),
      },
      native: { oidcProvider, deployRole, publishRole, previewRole, ...(review ? { reviewRole: review.role } : {}) },
    };
  },
};

interface GithubRoleArgs {
  readonly description: string;
  readonly trust: ReturnType<typeof githubTrust>;
  readonly statements: PolicyStatement[];
  /** Absent: the role has no access entry, so the cluster does not know it at all. */
  readonly cluster?: { readonly policy: ClusterAccessPolicy; readonly scope: ClusterAccessScope };
}

/** A role named `<name>-<env>-<suffix>` (the workflows' variables hold its ARN), its policy and its cluster access. */
function githubRole(ctx: DriverContext, suffix: string, args: GithubRoleArgs, clusterName: pulumi.Input<string>): iam.Role {
  const opts = { parent: ctx.parent };
  const role = new iam.Role(ctx.name(suffix), { name: ctx.name(suffix), description: args.description, assumeRolePolicy: policyJson(args.trust), maxSessionDuration: 3600 }, opts);
  // A role whose every permission is granted by the resources it acts on (publish: the registry) has no policy here.
  if (args.statements.length > 0) new iam.RolePolicy(ctx.name(`${suffix}-permissions`), { role: role.id, policy: policyJson(policyDocument(...args.statements)) }, opts);
  if (args.cluster) clusterAccess(ctx, suffix, clusterName, role.arn, args.cluster.policy, args.cluster.scope);
  return role;
}
