import type * as pulumi from "@pulumi/pulumi";
import type { Size } from "../../spec/index.ts";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";

/** The warehouse. AWS: Redshift Serverless. GCP: BigQuery dataset. Azure: Synapse workspace. */
export interface WarehouseArgs {
  readonly size: Size;
  /** The network's private connectivity for data stores: the store is reachable only through it. */
  readonly connectivity: DataStoreConnectivity;
  readonly keyId: pulumi.Input<string>;
}

export interface Warehouse {
  readonly warehouseId: pulumi.Output<string>;
  readonly endpoint: pulumi.Output<string>;
  /**
   * The cloud identifier workload identity grants are scoped to (AWS: the Redshift Serverless workgroup's ARN;
   * GCP: the dataset's resource name; Azure: the workspace's resource id).
   */
  readonly resourceId: pulumi.Output<string>;
}
