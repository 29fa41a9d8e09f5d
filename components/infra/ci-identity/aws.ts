import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { accountId, keysThroughS3 } from "../../clouds/aws/account.ts";
import { clusterAccess, type ClusterAccessPolicy } from "../../clouds/aws/cluster-access.ts";
import { repositoriesArnPattern } from "../../clouds/aws/ecr-names.ts";
import { policyDocument, policyJson, type PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import { stackReadActions } from "../../clouds/aws/stack-read-actions.ts";
import type { CiIdentity, CiIdentityArgs } from "./ci-identity.ts";
import { awsReviewIdentity } from "./aws-review.ts";

export interface AwsCiIdentity extends CiIdentity {
  readonly native: {
    readonly oidcProvider: iam.OpenIdConnectProvider;
    readonly deployRole: iam.Role;
    readonly previewRole: iam.Role;
    readonly reviewRole?: iam.Role;
  };
}

const githubIssuer = "token.actions.githubusercontent.com";
const stsAudience = "sts.amazonaws.com";

/** A role trust for GitHub Actions: GitHub's issuer, STS as audience, and exactly these subjects. */
export function githubTrust(providerArn: pulumi.Input<string>, subjects: readonly string[]) {
  return policyDocument({
    Sid: "GitHubEnvironmentsOnly",
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: ["sts:AssumeRoleWithWebIdentity"],
    Condition: { StringEquals: { [`${githubIssuer}:aud`]: stsAudience, [`${githubIssuer}:sub`]: subjects.length === 1 ? subjects[0]! : [...subjects] } },
  });
}

const subjectOf = (repository: string, environment: string) => `repo:${repository}:environment:${environment}`;

/**
 * GitHub Actions OIDC federation, no long-lived keys, and two roles. The deploy role (trusted in the deploy
 * environments) pushes this stack's images, uploads the front end, invalidates the CDN, reads the stack and
 * administers its cluster. The preview role (trusted only in the preview environment) reads the stack's
 * configuration and views the cluster, nothing more: a pull request's own code runs with it.
 */
export const awsCiIdentity: Driver<CiIdentityArgs, AwsCiIdentity> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const account = accountId(ctx);
    const region = ctx.spec.region;
    const deploySubjects = args.deployEnvironments.map((env) => subjectOf(args.repository, env));
    const previewSubject = subjectOf(args.repository, args.previewEnvironment);
    const oidcProvider = new iam.OpenIdConnectProvider(ctx.name("github-oidc"), { url: `https://${githubIssuer}`, clientIdLists: [stsAudience] }, opts);
    const clusterArn = pulumi.interpolate`arn:aws:eks:${region}:${account}:cluster/${args.cluster.clusterName}`;
    const readStack: PolicyStatement[] = [
      { Sid: "ReadStackConfiguration", Effect: "Allow", Action: [...stackReadActions], Resource: ["*"] },
      { Sid: "ReachCluster", Effect: "Allow", Action: ["eks:DescribeCluster"], Resource: [clusterArn] },
      // Pulumi names every bucket after its logical name, which starts with the stack's prefix.
      { Sid: "ListStackBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${ctx.name("")}*`] },
    ];

    const deployRole = githubRole(ctx, "deploy", {
      description: `GitHub Actions deploys of ${args.repository} from ${args.deployEnvironments.join(", ")}`,
      trust: githubTrust(oidcProvider.arn, deploySubjects),
      statements: [
        ...readStack,
        // GetAuthorizationToken has no resource-level permission: AWS requires "*" for it.
        { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
        {
          Sid: "PushImages",
          Effect: "Allow",
          Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:DescribeImages", "ecr:DescribeImageScanFindings", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"],
          Resource: [repositoriesArnPattern(ctx, account)],
        },
        { Sid: "UploadSite", Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`arn:aws:s3:::${ctx.name("site")}-*/*`] },
        keysThroughS3(region, [args.frontendKeyId]),
        // The distribution is created later, by the web tier; the stack's own tag (set by the Platform's tag
        // transform) scopes the grant to it instead.
        {
          Sid: "InvalidateCdn",
          Effect: "Allow",
          Action: ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"],
          Resource: [pulumi.interpolate`arn:aws:cloudfront::${account}:distribution/*`],
          Condition: { StringEquals: { "aws:ResourceTag/stratum-stack": ctx.spec.stack } },
        },
      ],
      clusterPolicy: "AmazonEKSAdminPolicy",
      clusterName: args.cluster.clusterName,
    });
    const previewRole = githubRole(ctx, "preview", {
      description: `GitHub Actions previews and drift checks of ${args.repository} from ${args.previewEnvironment}: read-only`,
      trust: githubTrust(oidcProvider.arn, [previewSubject]),
      statements: readStack,
      clusterPolicy: "AmazonEKSViewPolicy",
      clusterName: args.cluster.clusterName,
    });
    const reviewSubject = args.reviewEnvironment ? subjectOf(args.repository, args.reviewEnvironment) : undefined;
    const review = reviewSubject
      ? awsReviewIdentity(ctx, { repository: args.repository, subject: reviewSubject, trust: githubTrust(oidcProvider.arn, [reviewSubject]), account, clusterName: args.cluster.clusterName })
      : undefined;
    return {
      ...(review && reviewSubject ? { reviewIdentity: review.role.arn, reviewSubject } : {}),
      deployIdentity: deployRole.arn,
      deploySubjects,
      previewIdentity: previewRole.arn,
      previewSubject,
      native: { oidcProvider, deployRole, previewRole, ...(review ? { reviewRole: review.role } : {}) },
    };
  },
};

interface GithubRoleArgs {
  readonly description: string;
  readonly trust: ReturnType<typeof githubTrust>;
  readonly statements: PolicyStatement[];
  readonly clusterPolicy: ClusterAccessPolicy;
  readonly clusterName: pulumi.Input<string>;
}

/** A role named `<name>-<env>-<suffix>` (the workflows' variables hold its ARN), its policy and its cluster access. */
function githubRole(ctx: DriverContext, suffix: string, args: GithubRoleArgs): iam.Role {
  const opts = { parent: ctx.parent };
  const role = new iam.Role(ctx.name(suffix), { name: ctx.name(suffix), description: args.description, assumeRolePolicy: policyJson(args.trust), maxSessionDuration: 3600 }, opts);
  new iam.RolePolicy(ctx.name(`${suffix}-permissions`), { role: role.id, policy: policyJson(policyDocument(...args.statements)) }, opts);
  clusterAccess(ctx, suffix, args.clusterName, role.arn, args.clusterPolicy);
  return role;
}
