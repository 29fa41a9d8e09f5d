import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import { repositoryArnFromUrl } from "../../clouds/aws/ecr-repository-arn.ts";
import type { PolicyStatement } from "../../clouds/aws/iam-policy.ts";
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
const registryLogin: PolicyStatement = { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] };

/** Exactly this stack's repositories, from the registry's own URLs. */
function repositoryArns(args: CiIdentityArgs): pulumi.Output<string>[] {
  return Object.keys(args.registry.repositoryUrls).sort().map((w) => repositoryArnFromUrl(args.registry.repositoryUrls[w] as pulumi.Output<string>));
}

/** What `pulumi preview --refresh`, drift checks and the deploy's reads need: configuration, no data. */
export function readStack({ ctx, args, account }: GrantContext): PolicyStatement[] {
  const clusterArn = pulumi.interpolate`arn:aws:eks:${ctx.region}:${account}:cluster/${args.cluster.clusterName}`;
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
      Action: ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:DescribeImages", "ecr:GetDownloadUrlForLayer"],
      Resource: repositoryArns(args),
    },
    {
      Sid: "RegistryKeyThroughEcr",
      Effect: "Allow",
      Action: ["kms:Decrypt", "kms:GenerateDataKey"],
      Resource: [args.registryKeyId],
      Condition: { StringEquals: { "kms:ViaService": `ecr.${ctx.region}.amazonaws.com` } },
    },
  ];
}

/** `cosign verify` of every image the deploy rolls out reads the image and its signature tags: pull only. */
export function verifyImages({ args }: GrantContext): PolicyStatement[] {
  return [
    registryLogin,
    { Sid: "PullImagesAndSignatures", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages"], Resource: repositoryArns(args) },
  ];
}
