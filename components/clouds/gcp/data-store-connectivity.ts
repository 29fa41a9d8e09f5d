import type * as pulumi from "@pulumi/pulumi";
import { connectivityHandles } from "../../infra/network/connectivity-handle.ts";

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

const handles = connectivityHandles<GcpDataStoreConnectivity>("GCP");

/** The network driver's handle: opaque to tiers, readable by the GCP data-store drivers. */
export const gcpDataStoreConnectivity = handles.make;

/** What a GCP data-store driver places itself on; a handle another cloud's network made is refused. */
export const gcpDataStoreConnectivityOf = handles.read;
