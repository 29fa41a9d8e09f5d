import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";

/** The ECR repository of one workload: the registry creates it, SageMaker and the deploy role refer to it. */
export function repositoryName(ctx: DriverContext, workload: string): string {
  return ctx.name(workload);
}

/** Every repository of the stack, as an IAM resource pattern. */
export function repositoriesArnPattern(ctx: DriverContext, account: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.interpolate`arn:aws:ecr:${ctx.spec.region}:${account}:repository/${ctx.name("*")}`;
}

export function repositoryUrl(ctx: DriverContext, account: pulumi.Input<string>, workload: string): pulumi.Output<string> {
  return pulumi.interpolate`${account}.dkr.ecr.${ctx.spec.region}.amazonaws.com/${repositoryName(ctx, workload)}`;
}
