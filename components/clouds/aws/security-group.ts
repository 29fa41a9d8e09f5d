import type * as pulumi from "@pulumi/pulumi";
import * as ec2 from "@pulumi/aws/ec2/index.js";
import type { DriverContext } from "../../capability.ts";

/**
 * A security group that admits one TCP port from inside the VPC and, unless `egressPorts` says otherwise, lets
 * nothing out (an empty egress list removes AWS's allow-all default).
 */
export function vpcOnlySecurityGroup(ctx: DriverContext, suffix: string, args: {
  vpcId: pulumi.Input<string>;
  /** The VPC's range: the only source admitted and the only destination egress may reach. */
  cidr: string;
  port: number;
  description: string;
  egressPorts?: readonly number[];
  /** Prefix lists egress may also reach on those ports (the S3 gateway endpoint's). */
  egressPrefixListIds?: readonly pulumi.Input<string>[];
}): ec2.SecurityGroup {
  const vpcCidr = args.cidr;
  return new ec2.SecurityGroup(ctx.name(suffix), {
    vpcId: args.vpcId,
    description: args.description,
    ingress: [{ protocol: "tcp", fromPort: args.port, toPort: args.port, cidrBlocks: [vpcCidr], description: "from the platform VPC" }],
    egress: (args.egressPorts ?? []).map((port) => ({
      protocol: "tcp",
      fromPort: port,
      toPort: port,
      cidrBlocks: [vpcCidr],
      ...(args.egressPrefixListIds ? { prefixListIds: [...args.egressPrefixListIds] } : {}),
      description: "to the platform VPC and its gateway endpoints",
    })),
  }, { parent: ctx.parent });
}
