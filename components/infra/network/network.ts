import type * as pulumi from "@pulumi/pulumi";

/**
 * The private network every workload runs in, said as intent so that every cloud can meet it:
 * - AWS: `ec2.Vpc`, private subnets over `zones` AZs for workloads, data subnets with no route out, public subnets
 *   for load balancers and NAT only, NAT gateways (`egress`), flow logs to an encrypted log group, S3 and ECR endpoints.
 * - GCP: custom-mode `compute.Network`, a `Subnetwork` with `logConfig` and private Google access (regional: it
 *   spans the zones), `compute.Router` + `RouterNat` (`egress`), private services access for data stores.
 * - Azure: `network.VirtualNetwork` with workload and private-endpoint subnets (zones are a property of the
 *   resources placed in it), a NAT gateway (`egress`), private DNS zones for the data stores' private endpoints.
 */
export interface NetworkArgs {
  /** The network's address range; each cloud carves its subnets out of it (subnet-cidrs.ts). */
  readonly cidr: string;
  /** How many zones workloads and data stores spread over (zone redundancy). */
  readonly zones: number;
  /**
   * Internet egress for workloads: `shared` (one egress gateway for the network) or `zonal` (one per zone, so a
   * zone's outage cuts off no other zone). AWS: one NAT gateway, or one per AZ with each AZ's routes to its own.
   * GCP: Cloud NAT is regional and zone-redundant either way (one `RouterNat`). Azure: one NAT gateway, or one
   * per zone with each zone's subnet on its own.
   */
  readonly egress: "shared" | "zonal";
  /** Record every accepted and rejected flow (AWS VPC flow logs, GCP subnetwork `logConfig`, Azure VNet flow logs). */
  readonly flowLogs: boolean;
  readonly keyId: pulumi.Input<string>;
  /**
   * The audit capability's `logDestination`, where this resource's own logs go. Azure: the Log Analytics workspace
   * a diagnostic setting on the resource sends them to (clouds/azure/diagnostic-setting.ts). AWS and GCP log
   * through their own services and leave it unused.
   */
  readonly logDestination: pulumi.Input<string>;
  readonly logRetentionDays: number;
}

declare const connectivity: unique symbol;

/**
 * Private connectivity for data stores, as an opaque handle: a data store (database, warehouse) is placed on it
 * and depends on it, and only the same cloud's drivers look inside (AWS: `clouds/aws/data-store-connectivity.ts`).
 * AWS: the data subnets (no route to the internet) and the network's range their security groups admit. GCP: the
 * private services access connection (`servicenetworking.Connection` over a reserved `compute.GlobalAddress`) a
 * Cloud SQL instance's `privateNetwork` waits for. Azure: the private-endpoint subnet and the private DNS zones
 * a Flexible Server or Synapse workspace's private endpoint registers in.
 */
export interface DataStoreConnectivity {
  readonly [connectivity]: "DataStoreConnectivity";
}

export interface Network {
  readonly networkId: pulumi.Output<string>;
  /** The network's address range: what data stores and endpoints admit traffic from. */
  readonly cidr: string;
  /** Subnets for workloads (cluster nodes, managed model endpoints' interfaces). */
  readonly privateSubnetIds: pulumi.Output<string[]>;
  /** Where data stores are placed privately (see `DataStoreConnectivity`). */
  readonly dataStores: DataStoreConnectivity;
}
