import type * as pulumi from "@pulumi/pulumi";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";

/** AWS's private connectivity for data stores: the VPC, its data subnets, and the range data stores admit. */
export interface AwsDataStoreConnectivity {
  readonly vpcId: pulumi.Output<string>;
  /** Subnets with no route to the internet, one per zone. */
  readonly subnetIds: pulumi.Output<string[]>;
  readonly cidr: string;
}

const handles = new WeakMap<DataStoreConnectivity, AwsDataStoreConnectivity>();

/** The network driver's handle: opaque to tiers, readable by the AWS data-store drivers. */
export function awsDataStoreConnectivity(value: AwsDataStoreConnectivity): DataStoreConnectivity {
  const handle = Object.freeze({}) as DataStoreConnectivity;
  handles.set(handle, value);
  return handle;
}

/** What an AWS data-store driver places itself on; a handle another cloud's network made is refused. */
export function dataStoreConnectivityOf(handle: DataStoreConnectivity): AwsDataStoreConnectivity {
  const value = handles.get(handle);
  if (!value) throw new Error("the data stores' connectivity was not made by the AWS network driver");
  return value;
}
