import * as pulumi from "@pulumi/pulumi";
import * as iam from "@pulumi/aws/iam/index.js";
import type { Driver } from "../../capability.ts";
import { accountId, keysThroughS3 } from "../../clouds/aws/account.ts";
import { clusterAccess } from "../../clouds/aws/cluster-access.ts";
import { repositoriesArnPattern } from "../../clouds/aws/ecr-names.ts";
import { policyDocument, policyJson } from "../../clouds/aws/iam-policy.ts";
import type { CiIdentity, CiIdentityArgs } from "./ci-identity.ts";

export interface AwsCiIdentity extends CiIdentity {
  readonly native: { readonly oidcProvider: iam.OpenIdConnectProvider; readonly role: iam.Role; readonly policy: iam.RolePolicy };
}

const githubIssuer = "token.actions.githubusercontent.com";
const stsAudience = "sts.amazonaws.com";

/** The trust of the deploy role: GitHub's issuer, STS as audience, one repository's one environment, exactly. */
export function deployTrust(providerArn: pulumi.Input<string>, subject: string) {
  return policyDocument({
    Sid: "GitHubEnvironmentOnly",
    Effect: "Allow",
    Principal: { Federated: providerArn },
    Action: ["sts:AssumeRoleWithWebIdentity"],
    Condition: { StringEquals: { [`${githubIssuer}:aud`]: stsAudience, [`${githubIssuer}:sub`]: subject } },
  });
}

/**
 * GitHub Actions OIDC federation: no long-lived keys. The deploy role may push images to this stack's
 * repositories, upload the front end, invalidate the CDN and reach the cluster (through an access entry), and
 * nothing else.
 */
export const awsCiIdentity: Driver<CiIdentityArgs, AwsCiIdentity> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const account = accountId(ctx);
    const region = ctx.spec.region;
    const subject = `repo:${args.repository}:environment:${args.githubEnvironment}`;
    const oidcProvider = new iam.OpenIdConnectProvider(ctx.name("github-oidc"), { url: `https://${githubIssuer}`, clientIdLists: [stsAudience] }, opts);
    const role = new iam.Role(ctx.name("deploy"), {
      name: ctx.name("deploy"),
      description: `GitHub Actions deploys of ${args.repository} from its "${args.githubEnvironment}" environment`,
      assumeRolePolicy: policyJson(deployTrust(oidcProvider.arn, subject)),
      maxSessionDuration: 3600,
    }, opts);
    const clusterArn = pulumi.interpolate`arn:aws:eks:${region}:${account}:cluster/${args.cluster.clusterName}`;
    const policy = new iam.RolePolicy(ctx.name("deploy-permissions"), {
      role: role.id,
      policy: policyJson(policyDocument(
        // GetAuthorizationToken has no resource-level permission: AWS requires "*" for it.
        { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
        {
          Sid: "PushImages",
          Effect: "Allow",
          Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:CompleteLayerUpload", "ecr:DescribeImages", "ecr:DescribeImageScanFindings", "ecr:InitiateLayerUpload", "ecr:PutImage", "ecr:UploadLayerPart"],
          Resource: [repositoriesArnPattern(ctx, account)],
        },
        { Sid: "ReachCluster", Effect: "Allow", Action: ["eks:DescribeCluster"], Resource: [clusterArn] },
        { Sid: "UploadSite", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`arn:aws:s3:::${ctx.name("site")}-*`, `arn:aws:s3:::${ctx.name("site")}-*/*`] },
        keysThroughS3(region, account),
        { Sid: "InvalidateCdn", Effect: "Allow", Action: ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"], Resource: [pulumi.interpolate`arn:aws:cloudfront::${account}:distribution/*`] },
      )),
    }, opts);
    clusterAccess(ctx, "deploy", args.cluster.clusterName, role.arn, "AmazonEKSAdminPolicy");
    return { deployIdentity: role.arn, subject, native: { oidcProvider, role, policy } };
  },
};
