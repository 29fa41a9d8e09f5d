import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import type { PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import { managedModelNames, sagemakerArn } from "../../clouds/aws/sagemaker-names.ts";

/**
 * What `pulumi up` after an image change takes: re-create each managed model (its image is immutable) and its
 * endpoint configuration, and update the endpoint to the new configuration, passing exactly the execution role,
 * to SageMaker only; SageMaker makes a grant on the ML key for the endpoint's storage on the caller's behalf.
 */
export function updateModelsStatements(ctx: DriverContext, args: { account: pulumi.Input<string>; models: readonly string[]; executionRoleArn: pulumi.Input<string>; keyId: pulumi.Input<string> }): PolicyStatement[] {
  const region = ctx.region;
  const names = args.models.map((m) => managedModelNames(ctx, m));
  const models = names.map((n) => sagemakerArn(region, args.account, "model", n.model));
  const configs = names.map((n) => sagemakerArn(region, args.account, "endpoint-config", n.endpointConfig));
  const endpoints = names.map((n) => sagemakerArn(region, args.account, "endpoint", n.endpoint));
  return [
    { Sid: "ReplaceModels", Effect: "Allow", Action: ["sagemaker:CreateModel", "sagemaker:DeleteModel", "sagemaker:DescribeModel", "sagemaker:AddTags"], Resource: models },
    { Sid: "ReplaceEndpointConfigs", Effect: "Allow", Action: ["sagemaker:CreateEndpointConfig", "sagemaker:DeleteEndpointConfig", "sagemaker:DescribeEndpointConfig", "sagemaker:AddTags"], Resource: configs },
    // UpdateEndpoint authorizes on both the endpoint and the configuration it switches to.
    { Sid: "UpdateEndpoints", Effect: "Allow", Action: ["sagemaker:UpdateEndpoint", "sagemaker:DescribeEndpoint"], Resource: [...endpoints, ...configs] },
    { Sid: "PassModelsRole", Effect: "Allow", Action: ["iam:PassRole"], Resource: [args.executionRoleArn], Condition: { StringEquals: { "iam:PassedToService": "sagemaker.amazonaws.com" } } },
    {
      Sid: "ModelsKeyThroughSageMaker",
      Effect: "Allow",
      Action: ["kms:CreateGrant", "kms:DescribeKey"],
      Resource: [args.keyId],
      Condition: { StringEquals: { "kms:ViaService": `sagemaker.${region}.amazonaws.com` }, Bool: { "kms:GrantIsForAWSResource": "true" } },
    },
  ];
}
