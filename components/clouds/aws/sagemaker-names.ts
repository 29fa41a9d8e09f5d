import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";

/**
 * The SageMaker names of one managed model: its model, endpoint configuration and endpoint, as the serving
 * driver creates them and grants the deploy identity exactly them (their ARNs carry the names).
 */
export function managedModelNames(ctx: DriverContext, model: string): { readonly model: string; readonly endpointConfig: string; readonly endpoint: string } {
  const name = ctx.name(model);
  return { model: name, endpointConfig: `${name}-config`, endpoint: name };
}

/** A SageMaker ARN: SageMaker lower-cases the name in its ARNs. */
export function sagemakerArn(region: string, account: pulumi.Input<string>, kind: "model" | "endpoint-config" | "endpoint", name: string): pulumi.Output<string> {
  return pulumi.interpolate`arn:aws:sagemaker:${region}:${account}:${kind}/${name.toLowerCase()}`;
}
