import * as bigquery from "@pulumi/gcp/bigquery/index.js";
import type * as projects from "@pulumi/gcp/projects/index.js";
import type { Driver } from "../../capability.ts";
import { gcpDataStoreConnectivityOf } from "../../clouds/gcp/data-store-connectivity.ts";
import { grantName, iamMember } from "../../clouds/gcp/iam-member.ts";
import { conditionalProjectGrant } from "../../clouds/gcp/project-grant.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import type { AccessLevel } from "../../spec/index.ts";
import type { Warehouse, WarehouseArgs } from "./warehouse.ts";

export interface GcpWarehouse extends Warehouse {
  readonly native: {
    readonly dataset: bigquery.Dataset;
    /** Per principal granted, its role on the dataset and its job-running role on the project. */
    readonly grants: Readonly<Record<string, { readonly dataset: bigquery.DatasetIamMember; readonly jobs: projects.IAMMember }>>;
  };
}

/** Query the dataset's tables, or also load, change and delete them (no dataset or IAM changes either way). */
export const warehouseRoles: Readonly<Record<AccessLevel, string>> = { read: "roles/bigquery.dataViewer", readwrite: "roles/bigquery.dataEditor" };
/** A query or load is a job, and `bigquery.jobs.create` is granted only on a project (see below). */
export const jobRole = "roles/bigquery.jobUser";
/** Seven days of time travel, BigQuery's maximum: a bad load can be undone from the dataset itself. */
const timeTravelHours = "168";

/**
 * A BigQuery dataset in the stack's region with the warehouse key as the default CMEK of every table (the keys
 * driver lets the BigQuery agent use it, and the key id resolves after that grant), never
 * deleted with its tables. BigQuery is an HTTPS API with no network placement: the network's connectivity is only
 * checked to be GCP's (VPC Service Controls, an organisation-level perimeter, is what fences it; see docs/gcp.md).
 *
 * `endpoint` is `<project>/<dataset>`: what the workload wiring makes `PIPELINE_TARGET_URL=bigquery://<endpoint>` of.
 */
export const gcpWarehouse: Driver<WarehouseArgs, GcpWarehouse> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const { projectId } = projectOf(ctx);
    gcpDataStoreConnectivityOf(args.connectivity);
    const datasetId = ctx.name("warehouse").replace(/-/g, "_");
    const dataset = new bigquery.Dataset(ctx.name("warehouse"), {
      datasetId,
      location: ctx.region,
      description: `${ctx.name("warehouse")}: the platform's warehouse`,
      defaultEncryptionConfiguration: { kmsKeyName: args.keyId },
      deleteContentsOnDestroy: false,
      maxTimeTravelHours: timeTravelHours,
    }, opts);
    const grants = Object.fromEntries(args.grants.map((grant) => {
      const onDataset = new bigquery.DatasetIamMember(grantName(ctx, grant.principal, "warehouse"), {
        datasetId: dataset.datasetId,
        role: warehouseRoles[grant.access],
        member: iamMember(grant.principal),
      }, opts);
      // A job does not exist before it is created, so there is nothing narrower than the project to hold
      // `bigquery.jobs.create`, and BigQuery evaluates no resource-name condition for it: jobUser is bound on the
      // project unconditioned. It runs jobs only; what a job may read or write is the dataset binding above.
      const jobs = conditionalProjectGrant(ctx, "warehouse-jobs", grant.principal, jobRole, undefined);
      return [grant.principal.name, { dataset: onDataset, jobs }];
    }));
    return {
      warehouseId: dataset.datasetId,
      endpoint: dataset.datasetId.apply((id) => `${projectId}/${id}`),
      native: { dataset, grants },
    };
  },
};
