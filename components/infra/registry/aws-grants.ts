import type * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import type { PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import type { RegistryAccess } from "./registry.ts";
import { ecrPushActions } from "../../clouds/aws/ecr-push-actions.ts";

// GetAuthorizationToken has no resource-level permission: AWS requires "*" for it.
const registryLogin: PolicyStatement = { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] };

/**
 * A registry grant's statements. Push is the publish job's `skopeo copy --preserve-digests` of each scanned
 * archive and `cosign sign`, which writes the signature as a tag in the same repository; layers are encrypted with
 * the registry key, usable only through ECR. Pull is `cosign verify` of every image a deploy rolls out: the image
 * and its signature tags.
 */
export function registryGrantStatements(ctx: DriverContext, access: RegistryAccess, repositoryArns: readonly pulumi.Input<string>[], keyArn: pulumi.Input<string>): PolicyStatement[] {
  if (access.images === "pull") {
    return [registryLogin, { Sid: "PullImagesAndSignatures", Effect: "Allow", Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:DescribeImages"], Resource: [...repositoryArns] }];
  }
  return [
    registryLogin,
    {
      Sid: "PushImages",
      Effect: "Allow",
      Action: [...ecrPushActions],
      Resource: [...repositoryArns],
    },
    { Sid: "RegistryKeyThroughEcr", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [keyArn], Condition: { StringEquals: { "kms:ViaService": `ecr.${ctx.region}.amazonaws.com` } } },
  ];
}
