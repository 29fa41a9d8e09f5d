import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";

/** The ECR repository of one workload: the registry creates it, SageMaker and the deploy role refer to it. */
export function repositoryName(ctx: DriverContext, workload: string): string {
  return ctx.name(workload);
}

export function repositoryUrl(ctx: DriverContext, account: pulumi.Input<string>, workload: string): pulumi.Output<string> {
  return pulumi.interpolate`${account}.dkr.ecr.${ctx.region}.amazonaws.com/${repositoryName(ctx, workload)}`;
}
