import { describe, expect, test } from "vitest";
import { ciIdentity, fakeConnectivity, fakeKey, fakeProject, mandatoryViolations, ofType, planDriver, resource, valueOf, workload } from "../../clouds/gcp/testing/driver-plan.ts";
import { gcpWarehouse } from "./gcp.ts";
import type { WarehouseArgs } from "./warehouse.ts";

const args = (): WarehouseArgs => ({
  size: "small",
  connectivity: fakeConnectivity(),
  keyId: fakeKey("warehouse"),
  grants: [{ principal: workload("loader"), access: "readwrite" }, { principal: ciIdentity("preview"), access: "read" }],
});

describe("the warehouse on BigQuery", async () => {
  const plan = await planDriver(gcpWarehouse, args);
  const dataset = resource(plan, "gcp:bigquery/dataset:Dataset", "acme-dev-warehouse");

  test("CMEK by default, an explicit location, never deleted with its tables", () => {
    expect(dataset.inputs).toMatchObject({ datasetId: "acme_dev_warehouse", location: "us-central1", defaultEncryptionConfiguration: { kmsKeyName: fakeKey("warehouse") }, deleteContentsOnDestroy: false, maxTimeTravelHours: "168" });
    // `accesses` is authoritative: the driver never sets it, so the dataset's IAM is only the members below.
    expect(dataset.inputs["accesses"]).toBeUndefined();
    // The BigQuery agent's use of the key is the keys driver's: nothing here touches the key.
    expect(ofType(plan, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")).toEqual([]);
  });

  test("grants: dataEditor or dataViewer on the dataset, jobUser on the project, to the principal's member", () => {
    const onDataset = ofType(plan, "gcp:bigquery/datasetIamMember:DatasetIamMember").map((r) => r.inputs);
    const sa = `serviceAccount:acme-dev-loader@${fakeProject.projectId}.iam.gserviceaccount.com`;
    const pool = `principalSet://iam.googleapis.com/projects/${fakeProject.projectNumber}/locations/global/workloadIdentityPools/acme-dev-preview/*`;
    expect(onDataset).toEqual([
      { datasetId: "acme_dev_warehouse", role: "roles/bigquery.dataEditor", member: sa },
      { datasetId: "acme_dev_warehouse", role: "roles/bigquery.dataViewer", member: pool },
    ]);
    expect(ofType(plan, "gcp:projects/iAMMember:IAMMember").map((r) => r.inputs)).toEqual([
      { project: fakeProject.projectId, role: "roles/bigquery.jobUser", member: sa },
      { project: fakeProject.projectId, role: "roles/bigquery.jobUser", member: pool },
    ]);
  });

  test("outputs: the dataset id, and <project>/<dataset> for bigquery:// URLs", async () => {
    expect(await valueOf(plan.result.warehouseId)).toBe("acme_dev_warehouse");
    expect(await valueOf(plan.result.endpoint)).toBe(`${fakeProject.projectId}/acme_dev_warehouse`);
  });

  test("passes the GCP policy rules with no mandatory violation", () => {
    expect(mandatoryViolations(plan)).toEqual([]);
  });
});
