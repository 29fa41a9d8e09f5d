import * as pulumi from "@pulumi/pulumi";
import * as sagemaker from "@pulumi/aws/sagemaker/index.js";
import * as iam from "@pulumi/aws/iam/index.js";
import * as ec2 from "@pulumi/aws/ec2/index.js";
import type { Driver, DriverContext } from "../../capability.ts";
import { accountId } from "../../clouds/aws/account.ts";
import { repositoryName } from "../../clouds/aws/ecr-names.ts";
import { policyDocument, policyJson, serviceTrust } from "../../clouds/aws/iam-policy.ts";
import { vpcOnlySecurityGroup } from "../../clouds/aws/security-group.ts";
import { sagemakerInstanceType } from "../../clouds/aws/sizes.ts";
import { resolveImage } from "../../kubernetes/image.ts";
import { managedModelNames } from "../../clouds/aws/sagemaker-names.ts";
import { roleGrant } from "../../clouds/aws/role-grant.ts";
import { updateModelsStatements } from "./aws-grants.ts";
import type { ModelServing, ModelServingArgs } from "./serving.ts";

export interface AwsModelServing extends ModelServing {
  readonly native: {
    readonly role: iam.Role;
    readonly securityGroup: ec2.SecurityGroup;
    readonly models: Readonly<Record<string, { readonly model: sagemaker.Model; readonly config: sagemaker.EndpointConfiguration; readonly endpoint: sagemaker.Endpoint }>>;
  };
}

const httpsPort = 443;

/**
 * A SageMaker endpoint per managed model: the model runs `<its ECR repository>@<digest>` from the stack's
 * registry (the model is baked into the image, so no `modelDataUrl`), in the private subnets with network
 * isolation (the container itself has no network), with the platform's environment variables; the endpoint
 * configuration encrypts its storage with the ML key, and the execution role may pull exactly those repositories.
 */
export const awsModelServing: Driver<ModelServingArgs, AwsModelServing> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const account = accountId(ctx);
    const role = executionRole(ctx, args, account);
    // Image layers come from S3 through the gateway endpoint, which egress names by prefix list.
    const s3 = ec2.getPrefixListOutput({ name: `com.amazonaws.${ctx.region}.s3` }, opts);
    const securityGroup = vpcOnlySecurityGroup(ctx, "models-sg", {
      vpcId: args.network.networkId,
      cidr: args.network.cidr,
      port: httpsPort,
      egressPorts: [httpsPort],
      egressPrefixListIds: [s3.id],
      description: `${ctx.name("models")}: SageMaker ENIs, HTTPS to VPC endpoints only`,
    });
    const models = Object.fromEntries(args.models.map((spec) => {
      const names = managedModelNames(ctx, spec.name);
      // By digest from the stack's own repository, like every workload: the deploy pipeline's digest, else the
      // placeholder no registry serves (warned).
      const image = resolveImage(spec.name, spec.image, args.registry.repositoryUrls[spec.name]);
      const environment = pulumi.output(args.environment[spec.name] ?? []).apply((env) => Object.fromEntries(env.map((e) => [e.name, e.value])));
      const model = new sagemaker.Model(ctx.name(`${spec.name}-model`), {
        name: names.model,
        executionRoleArn: role.arn,
        enableNetworkIsolation: true,
        vpcConfig: { subnets: args.network.privateSubnetIds, securityGroupIds: [securityGroup.id] },
        primaryContainer: { image: image.reference, environment },
        // A new image replaces the model, and its name is fixed (the deploy role is granted exactly it): the old one
        // must go first, or the create collides with it. The endpoint keeps serving its running variant meanwhile.
      }, { ...opts, deleteBeforeReplace: true });
      const config = new sagemaker.EndpointConfiguration(ctx.name(`${spec.name}-endpoint-config`), {
        name: names.endpointConfig,
        kmsKeyArn: args.keyId,
        productionVariants: [{ variantName: "primary", modelName: model.name, initialInstanceCount: spec.replicas.min, instanceType: sagemakerInstanceType[spec.size] }],
        // Replaced with the model, under the same fixed name: delete first, as for the model.
      }, { ...opts, deleteBeforeReplace: true });
      const endpoint = new sagemaker.Endpoint(ctx.name(`${spec.name}-endpoint`), { name: names.endpoint, endpointConfigName: config.name }, opts);
      return [spec.name, { model, config, endpoint }];
    }));
    const modelNames = args.models.map((m) => m.name);
    for (const grant of args.grants) roleGrant(ctx, grant.principal, "models", updateModelsStatements(ctx, { account, models: modelNames, executionRoleArn: role.arn, keyId: args.keyId }));
    const endpoints: Record<string, pulumi.Output<string>> = Object.fromEntries(Object.entries(models).map(([n, m]) => [n, m.endpoint.name]));
    return { endpoints, native: { role, securityGroup, models } };
  },
};

function executionRole(ctx: DriverContext, args: ModelServingArgs, account: pulumi.Output<string>): iam.Role {
  const opts = { parent: ctx.parent };
  const region = ctx.region;
  const role = new iam.Role(ctx.name("models-role"), { assumeRolePolicy: serviceTrust("sagemaker.amazonaws.com") }, opts);
  new iam.RolePolicy(ctx.name("models-permissions"), {
    role: role.id,
    policy: policyJson(policyDocument(
      { Sid: "EndpointKey", Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey", "kms:CreateGrant", "kms:DescribeKey"], Resource: [args.keyId] },
      // GetAuthorizationToken and the ENI actions have no resource-level permissions: AWS requires "*".
      { Sid: "RegistryLogin", Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] },
      {
        Sid: "PullImages",
        Effect: "Allow",
        Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
        Resource: args.models.map((m) => pulumi.interpolate`arn:aws:ecr:${region}:${account}:repository/${repositoryName(ctx, m.name)}`),
      },
      {
        Sid: "VpcNetworkInterfaces",
        Effect: "Allow",
        Action: ["ec2:CreateNetworkInterface", "ec2:CreateNetworkInterfacePermission", "ec2:DeleteNetworkInterface", "ec2:DeleteNetworkInterfacePermission", "ec2:DescribeNetworkInterfaces", "ec2:DescribeVpcs", "ec2:DescribeDhcpOptions", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups"],
        Resource: ["*"],
      },
      { Sid: "EndpointLogs", Effect: "Allow", Action: ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"], Resource: [pulumi.interpolate`arn:aws:logs:${region}:${account}:log-group:/aws/sagemaker/Endpoints/*`] },
      { Sid: "Metrics", Effect: "Allow", Action: ["cloudwatch:PutMetricData"], Resource: ["*"], Condition: { StringEquals: { "cloudwatch:namespace": "/aws/sagemaker/Endpoints" } } },
    )),
  }, opts);
  return role;
}
