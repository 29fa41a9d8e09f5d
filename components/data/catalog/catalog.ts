import type * as pulumi from "@pulumi/pulumi";
import type { Lake } from "../lake/lake.ts";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";

/**
 * The data catalog over the lake's zones, encrypted with the lake key. AWS: Glue Data Catalog (encryption
 * settings, a database and crawler per zone) + Lake Formation locations and permissions. GCP: `dataplex.Lake` +
 * a `Zone` and `Asset` per zone. Azure: a `purview.Account` with private endpoints, scanning each container.
 */
export interface CatalogArgs {
  readonly lake: Lake;
  readonly keyId: pulumi.Input<string>;
  /**
   * The network's private connectivity for data stores. AWS and GCP: unused (Glue and Dataplex are regional
   * APIs). Azure: where the catalog account's private endpoints go, its only network path (public network
   * access is off).
   */
  readonly connectivity: DataStoreConnectivity;
  /**
   * The audit capability's `logDestination`, where this resource's own logs go. Azure: the Log Analytics workspace
   * a diagnostic setting on the resource sends them to (clouds/azure/diagnostic-setting.ts). AWS and GCP log
   * through their own services and leave it unused.
   */
  readonly logDestination: pulumi.Input<string>;
}

export interface Catalog {
  readonly catalogId: pulumi.Output<string>;
}
