import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import type { PolicyStatement } from "../../clouds/aws/iam-policy.ts";
import { stackReadActions } from "../../clouds/aws/stack-read-actions.ts";
import type { CiIdentityArgs } from "./ci-identity.ts";

/**
 * The statements the CI roles hold themselves: reading the stack. What they do to a resource (the registry, the
 * front end, the managed models) is granted by that resource's driver, to the principals the CI identity returns.
 */
export interface GrantContext {
  readonly ctx: DriverContext;
  readonly args: CiIdentityArgs;
  readonly account: pulumi.Output<string>;
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
