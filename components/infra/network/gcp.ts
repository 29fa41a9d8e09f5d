import * as pulumi from "@pulumi/pulumi";
import * as compute from "@pulumi/gcp/compute/index.js";
import * as servicenetworking from "@pulumi/gcp/servicenetworking/index.js";
import type { Driver } from "../../capability.ts";
import { gcpDataStoreConnectivity } from "../../clouds/gcp/data-store-connectivity.ts";
import { gcpSubnetRanges, type GcpSubnetRanges } from "../../clouds/gcp/subnet-ranges.ts";
import type { Network, NetworkArgs } from "./network.ts";

export interface GcpNetwork extends Network {
  readonly native: {
    readonly network: compute.Network;
    readonly subnetwork: compute.Subnetwork;
    readonly router: compute.Router;
    readonly nat: compute.RouterNat;
    readonly privateServicesRange: compute.GlobalAddress;
    readonly privateServicesConnection: servicenetworking.Connection;
    readonly ranges: GcpSubnetRanges;
    /** The secondary ranges' names, for the cluster's `ipAllocationPolicy`. */
    readonly podsRangeName: string;
    readonly servicesRangeName: string;
  };
}

/** The secondary ranges' names on the subnetwork: the cluster driver takes them from `native`. */
export const secondaryRangeNames = { pods: "pods", services: "services" } as const;

/**
 * A custom-mode VPC network (no auto-created subnetworks in every region, default routes kept for Cloud NAT) with
 * one regional subnetwork for the cluster: private Google access (Google APIs without external addresses), flow
 * logs of every flow with all metadata when the contract asks, and secondary ranges for Pods and Services. Cloud
 * NAT on a Cloud Router for the subnetwork's egress (regional and zone-redundant: one `RouterNat` whatever
 * `egress` says), logging its errors. Private services access: a reserved range peered to Google's service
 * producers, which Cloud SQL and Vertex AI take private addresses from (the data stores' connectivity handle).
 */
export const gcpNetwork: Driver<NetworkArgs, GcpNetwork> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const ranges = gcpSubnetRanges(args.cidr);
    const name = ctx.name("vpc");
    const network = new compute.Network(name, {
      name,
      description: "the platform's private network",
      autoCreateSubnetworks: false,
      routingMode: "REGIONAL",
      deleteDefaultRoutesOnCreate: false,
    }, opts);
    const subnetName = ctx.name("nodes");
    const subnetwork = new compute.Subnetwork(subnetName, {
      name: subnetName,
      network: network.id,
      region: ctx.region,
      ipCidrRange: ranges.nodes,
      purpose: "PRIVATE",
      stackType: "IPV4_ONLY",
      privateIpGoogleAccess: true,
      secondaryIpRanges: [
        { rangeName: secondaryRangeNames.pods, ipCidrRange: ranges.pods },
        { rangeName: secondaryRangeNames.services, ipCidrRange: ranges.services },
      ],
      // Every flow, accepted and rejected, at the finest interval and with all metadata.
      ...(args.flowLogs ? { logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 1, metadata: "INCLUDE_ALL_METADATA" } } : {}),
    }, opts);
    const router = new compute.Router(ctx.name("router"), { name: ctx.name("router"), network: network.id, region: ctx.region }, opts);
    const nat = new compute.RouterNat(ctx.name("nat"), {
      name: ctx.name("nat"),
      router: router.name,
      region: ctx.region,
      natIpAllocateOption: "AUTO_ONLY",
      // Only the cluster's subnetwork, all of its ranges (nodes and Pods): nothing else in the network gets egress.
      sourceSubnetworkIpRangesToNat: "LIST_OF_SUBNETWORKS",
      subnetworks: [{ name: subnetwork.id, sourceIpRangesToNats: ["ALL_IP_RANGES"] }],
      enableEndpointIndependentMapping: false,
      logConfig: { enable: true, filter: "ERRORS_ONLY" },
    }, opts);
    const [rangeAddress, rangePrefix] = ranges.privateServices.split("/");
    const privateServicesRange = new compute.GlobalAddress(ctx.name("private-services"), {
      name: ctx.name("private-services"),
      description: "reserved for private services access (Cloud SQL, Vertex AI)",
      network: network.id,
      purpose: "VPC_PEERING",
      addressType: "INTERNAL",
      ipVersion: "IPV4",
      address: rangeAddress,
      prefixLength: Number(rangePrefix),
    }, opts);
    const privateServicesConnection = new servicenetworking.Connection(ctx.name("private-services"), {
      network: network.id,
      service: "servicenetworking.googleapis.com",
      reservedPeeringRanges: [privateServicesRange.name],
      // The peering is deleted with the network; deleting it first fails while an instance still uses it.
      deletionPolicy: "ABANDON",
    }, opts);
    return {
      networkId: network.id,
      cidr: args.cidr,
      privateSubnetIds: pulumi.output([subnetwork.id]).apply((ids) => [...ids]),
      dataStores: gcpDataStoreConnectivity({ networkId: network.id, connection: privateServicesConnection, allocatedRange: privateServicesRange.name }),
      native: { network, subnetwork, router, nat, privateServicesRange, privateServicesConnection, ranges, podsRangeName: secondaryRangeNames.pods, servicesRangeName: secondaryRangeNames.services },
    };
  },
};
