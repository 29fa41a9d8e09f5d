import type * as pulumi from "@pulumi/pulumi";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";

/**
 * GCP's private connectivity for data stores: the VPC network Cloud SQL (and Vertex AI) attach to by private IP,
 * and the private services access connection (`servicenetworking.Connection` over a reserved
 * `compute.GlobalAddress` range) that must exist before an instance can take an address in it.
 */
export interface GcpDataStoreConnectivity {
  /** The network's id (`projects/P/global/networks/N`), what `ipConfiguration.privateNetwork` takes. */
  readonly networkId: pulumi.Output<string>;
  /** The private services access connection: data stores depend on it. */
  readonly connection: pulumi.Resource;
  /** The reserved range's name (`allocatedIpRange`), so instances take addresses only from it. */
  readonly allocatedRange: pulumi.Output<string>;
}

const handles = new WeakMap<DataStoreConnectivity, GcpDataStoreConnectivity>();

/** The network driver's handle: opaque to tiers, readable by the GCP data-store drivers. */
export function gcpDataStoreConnectivity(value: GcpDataStoreConnectivity): DataStoreConnectivity {
  const handle = Object.freeze({}) as DataStoreConnectivity;
  handles.set(handle, value);
  return handle;
}

/** What a GCP data-store driver places itself on; a handle another cloud's network made is refused. */
export function gcpDataStoreConnectivityOf(handle: DataStoreConnectivity): GcpDataStoreConnectivity {
  const value = handles.get(handle);
  if (!value) throw new Error("the data stores' connectivity was not made by the GCP network driver");
  return value;
}
