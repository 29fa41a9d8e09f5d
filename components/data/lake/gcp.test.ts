import { describe, expect, test } from "vitest";
import { fakeKey, fakeLogBucket, fakeProject, mandatoryViolations, ofType, planDriver, resource, tags, valueOf, workload } from "../../clouds/gcp/testing/driver-plan.ts";
import { softDeleteDays } from "../../clouds/gcp/data-bucket.ts";
import { gcpModelArtifacts } from "../../ml/artifacts/gcp.ts";
import { gcpLake } from "./gcp.ts";
import type { LakeArgs } from "./lake.ts";

const bucketType = "gcp:storage/bucket:Bucket";
const args = (grants: LakeArgs["grants"] = [
  { principal: workload("api"), access: { curated: "read" } },
  { principal: workload("loader"), access: { raw: "readwrite", curated: "readwrite" } },
]): LakeArgs => ({ zones: ["raw", "curated"], noncurrentVersionRetentionDays: 30, keyId: fakeKey("lake"), logDestination: fakeLogBucket, grants });

/** Every secure default of a data bucket (clouds/gcp/data-bucket.ts), for a bucket of that name under that key. */
const secureBucketInputs = (name: string, key: string, retentionDays: number) => ({
  name,
  location: "US-CENTRAL1",
  storageClass: "STANDARD",
  uniformBucketLevelAccess: true,
  publicAccessPrevention: "enforced",
  forceDestroy: false,
  versioning: { enabled: true },
  encryption: { defaultKmsKeyName: key },
  softDeletePolicy: { retentionDurationSeconds: softDeleteDays * 86_400 },
  lifecycleRules: [{ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: retentionDays, withState: "ARCHIVED" } }],
});

describe("the lake on GCS", async () => {
  const plan = await planDriver(gcpLake, () => args());

  test("a secure bucket per zone, in the region, under the lake key, labelled by the tags transform", () => {
    for (const zone of ["raw", "curated"]) {
      const bucket = resource(plan, bucketType, `acme-dev-lake-${zone}`);
      expect(bucket.inputs).toMatchObject(secureBucketInputs(`acme-dev-lake-${zone}`, fakeKey("lake"), 30));
      expect(bucket.inputs["labels"]).toMatchObject(tags);
    }
    expect(ofType(plan, bucketType)).toHaveLength(2);
  });

  test("grants: objectViewer for read and objectUser for readwrite, on exactly the granted zones' buckets", () => {
    const bindings = ofType(plan, "gcp:storage/bucketIAMMember:BucketIAMMember").map((r) => [r.name, r.inputs]);
    const sa = (w: string) => `serviceAccount:acme-dev-${w}@${fakeProject.projectId}.iam.gserviceaccount.com`;
    expect(bindings).toEqual([
      ["acme-dev-api-lake-curated", { bucket: "acme-dev-lake-curated", role: "roles/storage.objectViewer", member: sa("api") }],
      ["acme-dev-loader-lake-curated", { bucket: "acme-dev-lake-curated", role: "roles/storage.objectUser", member: sa("loader") }],
      ["acme-dev-loader-lake-raw", { bucket: "acme-dev-lake-raw", role: "roles/storage.objectUser", member: sa("loader") }],
    ]);
    // GCS decrypts as its own agent (the keys driver grants it): no key role here, and nothing on the project.
    expect(ofType(plan, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember")).toEqual([]);
    expect(ofType(plan, "gcp:projects/iAMMember:IAMMember")).toEqual([]);
  });

  test("zoneLocations are the bucket names (the wiring makes gs:// URLs of them)", async () => {
    expect(await valueOf(plan.result.zoneLocations["raw"]!)).toBe("acme-dev-lake-raw");
  });

  test("passes the GCP policy rules with no mandatory violation", () => {
    expect(mandatoryViolations(plan)).toEqual([]);
  });
});

test("a grant on a zone the lake lacks names the principal and the zones", async () => {
  await expect(planDriver(gcpLake, () => args([{ principal: workload("api"), access: { gold: "read" } }]))).rejects.toThrow(/lake grant to api on zone "gold", which the lake does not have \(zones: raw, curated\)/);
});

describe("model artifacts: the same secure bucket", async () => {
  const plan = await planDriver(gcpModelArtifacts, () => ({ keyId: fakeKey("ml"), noncurrentVersionRetentionDays: 90, logDestination: fakeLogBucket }));

  test("every secure default, under the ML key; the location is the bucket's name", async () => {
    expect(resource(plan, bucketType, "acme-dev-model-artifacts").inputs).toMatchObject(secureBucketInputs("acme-dev-model-artifacts", fakeKey("ml"), 90));
    expect(await valueOf(plan.result.location)).toBe("acme-dev-model-artifacts");
    expect(mandatoryViolations(plan)).toEqual([]);
  });
});
