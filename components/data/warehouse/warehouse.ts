import type * as pulumi from "@pulumi/pulumi";
import type { AccessLevel, Size } from "../../spec/index.ts";
import type { Grant } from "../../grants.ts";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";

/**
 * The warehouse, private (placed on the network's data-store connectivity) and encrypted with a customer-managed
 * key. AWS: Redshift Serverless namespace + workgroup (not public, enhanced VPC routing, `require_ssl`). GCP: a
 * `bigquery.Dataset` with a default CMEK (BigQuery has no network placement; VPC Service Controls fence it).
 * Azure: a `synapse.Workspace` with a managed VNet, public access off and a private endpoint.
 */
export interface WarehouseArgs {
  readonly size: Size;
  /** The network's private connectivity for data stores: the store is reachable only through it. */
  readonly connectivity: DataStoreConnectivity;
  readonly keyId: pulumi.Input<string>;
  /**
   * The audit capability's `logDestination`, where this resource's own logs go. Azure: the Log Analytics workspace
   * a diagnostic setting on the resource sends them to (clouds/azure/diagnostic-setting.ts). AWS and GCP log
   * through their own services and leave it unused.
   */
  readonly logDestination: pulumi.Input<string>;
  /**
   * Who may query (`read`) or load (`readwrite`) the warehouse with credentials from their cloud identity. AWS:
   * `redshift-serverless:GetCredentials` on the workgroup in a policy on the principal's role (what the database
   * user may do is the warehouse's own grants). GCP: `roles/bigquery.dataViewer` or `dataEditor` on the dataset
   * and `bigquery.jobUser` on the project. Azure: a Synapse role assignment on the workspace.
   */
  readonly grants: readonly Grant<AccessLevel>[];
}

export interface Warehouse {
  readonly warehouseId: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
}
