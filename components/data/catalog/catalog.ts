import type * as pulumi from "@pulumi/pulumi";
import type { Lake } from "../lake/lake.ts";

/** The data catalog over the lake. AWS: Glue Data Catalog + Lake Formation. GCP: Dataplex. Azure: Purview. */
export interface CatalogArgs {
  readonly lake: Lake;
  readonly keyId: pulumi.Input<string>;
}

export interface Catalog {
  readonly catalogId: pulumi.Output<string>;
}
