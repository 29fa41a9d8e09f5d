import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import { fakeKey, fakeProject, mandatoryViolations, ofType, planDriver, resource } from "../../clouds/gcp/testing/driver-plan.ts";
import { gcpCatalog, zoneType } from "./gcp.ts";

const bucket = (zone: string) => `${fakeProject.projectId}-acme-dev-lake-${zone}`;

describe("the catalog on Dataplex", async () => {
  const plan = await planDriver(gcpCatalog, () => ({ lake: { zoneLocations: { raw: pulumi.output(bucket("raw")), curated: pulumi.output(bucket("curated")) } }, keyId: fakeKey("lake") }));

  test("a lake in the region, a zone and a DIRECT bucket asset per lake zone", () => {
    expect(resource(plan, "gcp:dataplex/lake:Lake", "acme-dev-catalog").inputs).toMatchObject({ name: "acme-dev-catalog", location: "us-central1" });
    for (const zone of ["raw", "curated"]) {
      expect(resource(plan, "gcp:dataplex/zone:Zone", `acme-dev-catalog-${zone}`).inputs).toMatchObject({ name: zone, lake: "acme-dev-catalog", location: "us-central1", type: zoneType(zone), resourceSpec: { locationType: "SINGLE_REGION" }, discoverySpec: { enabled: true } });
      expect(resource(plan, "gcp:dataplex/asset:Asset", `acme-dev-catalog-${zone}-asset`).inputs).toMatchObject({
        dataplexZone: zone,
        resourceSpec: { type: "STORAGE_BUCKET", name: `projects/${fakeProject.projectNumber}/buckets/${bucket(zone)}`, readAccessMode: "DIRECT" },
      });
    }
    expect(zoneType("raw")).toBe("RAW");
    expect(zoneType("curated")).toBe("CURATED");
  });

  test("discovery reads each zone's bucket as the Dataplex agent, granted on that bucket only, before the asset", () => {
    const reads = ofType(plan, "gcp:storage/bucketIAMMember:BucketIAMMember");
    expect(reads.map((r) => r.inputs)).toEqual(["curated", "raw"].map((zone) => ({ bucket: bucket(zone), role: "roles/storage.objectViewer", member: `serviceAccount:service-${fakeProject.projectNumber}@gcp-sa-dataplex.iam.gserviceaccount.com` })));
    expect(resource(plan, "gcp:dataplex/asset:Asset", "acme-dev-catalog-raw-asset").dependencies).toContain(resource(plan, "gcp:storage/bucketIAMMember:BucketIAMMember", "acme-dev-dataplex-catalog-raw").urn);
  });

  test("passes the GCP policy rules with no mandatory violation", () => {
    expect(mandatoryViolations(plan)).toEqual([]);
  });
});
