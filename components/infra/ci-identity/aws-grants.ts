import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import { keysThroughS3 } from "../../clouds/aws/account.ts";
import { ecrPushActions } from "../../clouds/aws/ecr-push-actions.ts";
import { repositoryArnFromUrl } from "../../clouds/aws/ecr-repository-arn.ts";
import type { PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import { managedModelNames, sagemakerArn } from "../../clouds/aws/sagemaker-names.ts";
import { stackReadActions } from "../../clouds/aws/stack-read-actions.ts";
import type { CiIdentityArgs } from "./ci-identity.ts";

/**
 * The statements of the three CI roles, one function per thing a workflow step does. Every resource is this
 * stack's own: by reference where the resource exists before the roles (cluster, repositories, keys), by the
 * name the later tier gives it where it does not (see each statement).
 */
export interface GrantContext {
  readonly ctx: DriverContext;
  readonly args: CiIdentityArgs;
  readonly account: pulumi.Output<string>;
}

// GetAuthorizationToken has no resource-level permission: AWS requires "*" for it.
export const registryLogin: PolicyStatement = { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] };

/** Exactly this stack's repositories, from the registry's own URLs. */
function repositoryArns(args: CiIdentityArgs): pulumi.Output<string>[] {
  return Object.keys(args.registry.repositoryUrls).sort().map((w) => repositoryArnFromUrl(args.registry.repositoryUrls[w] as pulumi.Output<string>));
}

/** What `pulumi preview --refresh`, drift checks and the deploy's reads need: configuration, no data. */
export function readStack({ ctx, args, account }: GrantContext): PolicyStatement[] {
  const clusterArn = pulumi.interpolate`arn:aws:eks:${ctx.spec.region}:${account}:cluster/${args.cluster.clusterName}`;
  return [
    { Sid: "ReadStackConfiguration", Effect: "Allow", Action: [...stackReadActions], Resource: ["*"] },
    { Sid: "ReachCluster", Effect: "Allow", Action: ["eks:DescribeCluster"], Resource: [clusterArn] },
    // Pulumi names every bucket after its logical name, which starts with the stack's prefix.
    { Sid: "ListStackBuckets", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${ctx.name("")}*`] },
  ];
}

/**
 * The publish job: `skopeo copy --preserve-digests` of each scanned archive into this stack's repositories and
 * `cosign sign`, which writes the signature as a tag in the same repository. Layers are encrypted with the
 * registry key; the key is usable only through ECR.
 */
export function publishImages({ ctx, args }: GrantContext): PolicyStatement[] {
  return [
    registryLogin,
    {
      Sid: "PushImages",
      Effect: "Allow",
      Action: [...ecrPushActions],
      Resource: repositoryArns(args),
    },
    registryKeyThroughEcr(ctx, args.registryKeyId),
  ];
}

/** Pushed layers are encrypted with the registry key, usable only through ECR. */
export function registryKeyThroughEcr(ctx: DriverContext, keyId: pulumi.Input<string>): PolicyStatement {
  return {
    Sid: "RegistryKeyThroughEcr",
    Effect: "Allow",
    Action: ["kms:Decrypt", "kms:GenerateDataKey"],
    Resource: [keyId],
    Condition: { StringEquals: { "kms:ViaService": `ecr.${ctx.spec.region}.amazonaws.com` } },
  };
}

/** `cosign verify` of every image the deploy rolls out reads the image and its signature tags: pull only. */
export function verifyImages({ args }: GrantContext): PolicyStatement[] {
  return [
    registryLogin,
    { Sid: "PullImagesAndSignatures", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages"], Resource: repositoryArns(args) },
  ];
}

/**
 * Uploading the built front end (`aws s3 sync --delete`) and invalidating the CDN. Both resources are created by
 * the web tier, after these roles: the bucket is granted by the name Pulumi gives it (`<stack prefix>-site`
 * plus a random suffix, hence the trailing `*`), the distribution (whose id AWS picks) by the stack's own tag,
 * which the Platform's tag transform sets on it.
 */
export function publishFrontend({ ctx, args, account }: GrantContext): PolicyStatement[] {
  if (!ctx.spec.web.frontend) return [];
  const site = `arn:aws:s3:::${ctx.name("site")}*`;
  return [
    { Sid: "ListSite", Effect: "Allow", Action: ["s3:ListBucket"], Resource: [site] },
    { Sid: "UploadSite", Effect: "Allow", Action: ["s3:PutObject", "s3:DeleteObject"], Resource: [`${site}/*`] },
    keysThroughS3(ctx.spec.region, [args.frontendKeyId]),
    {
      Sid: "InvalidateCdn",
      Effect: "Allow",
      Action: ["cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"],
      Resource: [pulumi.interpolate`arn:aws:cloudfront::${account}:distribution/*`],
      Condition: { StringEquals: { "aws:ResourceTag/stratum-stack": ctx.spec.stack } },
    },
  ];
}

/**
 * `pulumi up` after an image change re-creates each managed model (its image is immutable) and its endpoint
 * configuration, and updates the endpoint to the new configuration. The serving tier creates them after these
 * roles, under fixed names (`managedModelNames`), so the grant names exactly them; the execution role is passed
 * only to SageMaker, and Pulumi names it `<stack prefix>-models-role` plus a random suffix, hence the `*`.
 */
export function updateManagedModels({ ctx, args, account }: GrantContext): PolicyStatement[] {
  const managed = ctx.spec.ml.models.filter((m) => m.serving === "managed");
  if (managed.length === 0) return [];
  const region = ctx.spec.region;
  const names = managed.map((m) => managedModelNames(ctx, m.name));
  const models = names.map((n) => sagemakerArn(region, account, "model", n.model));
  const configs = names.map((n) => sagemakerArn(region, account, "endpoint-config", n.endpointConfig));
  const endpoints = names.map((n) => sagemakerArn(region, account, "endpoint", n.endpoint));
  return [
    { Sid: "ReplaceModels", Effect: "Allow", Action: ["sagemaker:CreateModel", "sagemaker:DeleteModel", "sagemaker:DescribeModel", "sagemaker:AddTags"], Resource: models },
    { Sid: "ReplaceEndpointConfigs", Effect: "Allow", Action: ["sagemaker:CreateEndpointConfig", "sagemaker:DeleteEndpointConfig", "sagemaker:DescribeEndpointConfig", "sagemaker:AddTags"], Resource: configs },
    // UpdateEndpoint authorizes on both the endpoint and the configuration it switches to.
    { Sid: "UpdateEndpoints", Effect: "Allow", Action: ["sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint"], Resource: [...endpoints, ...configs] },
    {
      Sid: "PassModelsRole",
      Effect: "Allow",
      Action: ["iam:PassRole"],
      Resource: [pulumi.interpolate`arn:aws:iam::${account}:role/${ctx.name("models-role")}*`],
      Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } },
    },
    // The endpoint's storage is encrypted with the ML key: SageMaker creates a grant for it on the caller's behalf.
    {
      Sid: "ModelsKeyThroughSageMaker",
      Effect: "Allow",
      Action: ["kms:CreateGrant", "kms:DescribeKey"],
      Resource: [args.modelsKeyId],
      Condition: { StringEquals: { "kms:ViaService": `sagemaker.${region}.amazonaws.com` }, Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}
