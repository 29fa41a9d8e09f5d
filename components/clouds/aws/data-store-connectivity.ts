import type * as pulumi from "@pulumi/pulumi";
import { connectivityHandles } from "../../infra/network/connectivity-handle.ts";

/** AWS's private connectivity for data stores: the VPC, its data subnets, and the range data stores admit. */
export interface AwsDataStoreConnectivity {
  readonly vpcId: pulumi.Output<string>;
  /** Subnets with no route to the internet, one per zone. */
  readonly subnetIds: pulumi.Output<string[]>;
  readonly cidr: string;
}

const handles = connectivityHandles<AwsDataStoreConnectivity>("AWS");

/** The network driver's handle: opaque to tiers, readable by the AWS data-store drivers. */
export const awsDataStoreConnectivity = handles.make;

/** What a AWS data-store driver places itself on; a handle another cloud's network made is refused. */
export const dataStoreConnectivityOf = handles.read;
