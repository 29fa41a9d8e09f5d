import type * as pulumi from "@pulumi/pulumi";

/**
 * The private network every workload runs in. AWS: VPC, subnets over the zones, NAT, flow logs, endpoints.
 * GCP: custom-mode network, subnetwork with secondary ranges, Cloud NAT. Azure: virtual network, subnets,
 * private DNS zones.
 */
export interface NetworkArgs {
  readonly cidr: string;
  readonly zones: number;
  readonly natGateways: "single" | "perZone";
  readonly flowLogs: boolean;
  readonly keyId: pulumi.Input<string>;
  readonly logRetentionDays: number;
}

export interface Network {
  readonly networkId: pulumi.Output<string>;
  /** Subnets for workloads (cluster nodes). */
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** Subnets for data stores: no route to the internet. */
  readonly dataSubnetIds: pulumi.Output<string[]>;
  /** Subnets for internet-facing load balancers only. Empty where the cloud needs none. */
  readonly publicSubnetIds: pulumi.Output<string[]>;
}
