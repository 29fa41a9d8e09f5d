import type * as pulumi from "@pulumi/pulumi";
import type { PipelineSpec } from "../../spec/index.ts";
import type { Lake } from "../lake/lake.ts";
import type { Warehouse } from "../warehouse/warehouse.ts";

/** Scheduled ETL/ELT jobs between lake zones and the warehouse. AWS: Glue. GCP: Dataform/Composer. Azure: Data Factory. */
export interface PipelinesArgs {
  readonly pipelines: readonly PipelineSpec[];
  readonly lake: Lake;
  readonly warehouse?: Warehouse;
  readonly keyId: pulumi.Input<string>;
  /** The key the lake's zones are encrypted with: jobs read and write them. */
  readonly lakeKeyId: pulumi.Input<string>;
  /** Where object-access logs go (the audit tier's log destination). */
  readonly logDestination: pulumi.Input<string>;
}

export interface Pipelines {
  readonly jobNames: Readonly<Record<string, pulumi.Output<string>>>;
}
