import { describe, expect, test } from "vitest";
import { wiredWorkloads } from "../../wiring/workloads.ts";
import { exampleSpec } from "../../kubernetes/testing/example-spec.ts";
import { workloadEnv, type WiringValues } from "../../kubernetes/workload-env.ts";
import { azureWorkloadWiring } from "./workload-wiring.ts";

/** The environment Azure pods get, from the tiers' outputs in Azure's shapes (container URLs, a Synapse endpoint). */
const values: WiringValues = {
  region: "eastus2",
  namespace: "acme-dev",
  database: { host: "acme-dev-pg.postgres.offline.invalid", port: 5432, name: "orders" },
  lakeZones: { raw: "https://acmedevlake.blob.offline.invalid/raw", curated: "https://acmedevlake.blob.offline.invalid/curated/" },
  artifactsLocation: "https://acmedevml.blob.offline.invalid/models",
  warehouseEndpoint: "acme-dev-synapse.sql.offline.invalid",
};

describe("Azure's part of the workloads' environment", () => {
  const spec = exampleSpec("dev-azure");
  const workloads = wiredWorkloads(spec);
  const envOf = (name: string) => workloadEnv(workloads.find((w) => w.name === name)!, workloads, values, azureWorkloadWiring(spec)).map((e) => `${e.name}=${e.value}`);

  test("the database by Entra ID token, as the workload's own role, over TLS", () => {
    expect(envOf("orders")).toEqual(expect.arrayContaining(["DATABASE_USER=orders", "DATABASE_AUTH=azure-entra", "DATABASE_SSLMODE=require", "AZURE_REGION=eastus2"]));
    expect(envOf("orders").some((e) => e.startsWith("DATABASE_PASSWORD"))).toBe(false);
  });

  test("lake zones and artifacts as the containers' URLs, with no trailing slash", () => {
    expect(envOf("api")).toContain("LAKE_CURATED_URL=https://acmedevlake.blob.offline.invalid/curated");
    expect(envOf("etl")).toEqual(expect.arrayContaining(["PIPELINE_SOURCE_URL=https://acmedevlake.blob.offline.invalid/raw", "PIPELINE_TARGET_URL=https://acmedevlake.blob.offline.invalid/curated"]));
    expect(envOf("recommender").find((e) => e.startsWith("MODEL_ARTIFACTS_URL="))).toMatch(/^MODEL_ARTIFACTS_URL=https:\/\/acmedevml\.blob\.offline\.invalid\/models\//);
  });

  test("the warehouse as a Synapse SQL endpoint on 1433, the region as AZURE_REGION", () => {
    const wiring = azureWorkloadWiring(spec);
    expect(wiring.warehouseUrl("acme-dev-synapse.sql.offline.invalid")).toBe("synapse://acme-dev-synapse.sql.offline.invalid:1433/analytics");
    expect(wiring.warehousePort).toBe(1433);
    expect(wiring.regionVariables("eastus2")).toEqual({ AZURE_REGION: "eastus2" });
  });
});
