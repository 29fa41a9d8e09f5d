import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_NETWORK, startAzureStandIns, startGcpStandIns, type AzureStandIns, type GcpStandIns } from "../support/cloud-stand-ins.ts";
import { freePort } from "../support/free-port.ts";
import { RAW } from "../support/raw-zone-sample.ts";
import { runCommand, startApp, type RunningApp } from "../support/run-app.ts";
import { repoRoot } from "../support/shared-dir.ts";

/**
 * etl and api on GCP's and Azure's lake URLs, unchanged, against the Cloud Storage and Blob Storage stand-ins and
 * the credential stand-ins behind them: the ETL reads the raw zone and writes the star schema with its own
 * identity, api reports from it with its own, and an identity granted less is refused by the store.
 */
const etlDir = path.join(repoRoot, "examples/etl");
const apiDir = path.join(repoRoot, "examples/api");
const PROJECT = "acme-platform-dev";
const sa = (w: string) => `acme-dev-${w}@${PROJECT}.iam.gserviceaccount.com`;
const TABLES = ["dim_customer/part-0.parquet", "dim_date/part-0.parquet", "dim_product/part-0.parquet", "fact_order_lines/order_date=2026-11-29/part-0.parquet", "fact_order_lines/order_date=2026-12-01/part-0.parquet"];
const REPORT = { date: "2026-11-29", orders: 1, lines: 2, units: 3, revenueCents: 2000, byProduct: [{ sku: "CUP-1", name: "Cup", units: 1, revenueCents: 1100 }, { sku: "TEA-1", name: "Tea", units: 2, revenueCents: 900 }] };
const started: RunningApp[] = [];
afterAll(async () => {
  for (const app of started.splice(0)) await app.stop();
});

const etl = (env: Record<string, string>) => runCommand({ command: ["node", "etl.js"], cwd: etlDir, env, timeoutMs: 60_000 });
async function report(env: Record<string, string>): Promise<unknown> {
  const port = await freePort();
  // No orders behind it: readiness is orders', so wait for liveness; the report needs only the lake.
  const app = await startApp({ command: ["node", "server.js"], cwd: apiDir, env: { ...env, PORT: String(port), SERVICE_ORDERS_URL: "http://127.0.0.1:9" }, port, readinessPath: "/healthz" });
  started.push(app);
  const response = await fetch(`${app.url}/v1/reports/daily-sales?date=2026-11-29`);
  return { status: response.status, body: await response.json() };
}

describe("gs:// lake zones (Cloud Storage JSON API, the pod's metadata token)", () => {
  let gcp: GcpStandIns;
  const grants: Record<string, Record<string, "read" | "write">> = {
    [sa("etl")]: { "acme-dev-lake-raw": "read", "acme-dev-lake-curated": "write" },
    [sa("api")]: { "acme-dev-lake-curated": "read" },
  };
  beforeAll(async () => {
    gcp = await startGcpStandIns({
      serviceAccounts: [sa("etl"), sa("api")],
      buckets: ["acme-dev-lake-raw", "acme-dev-lake-curated"],
      allowed: (who, bucket, access) => grants[who]?.[bucket] === access || grants[who]?.[bucket] === "write",
    });
    for (const [name, text] of Object.entries(RAW)) gcp.gcs.objects.set(`acme-dev-lake-raw/landing/${name}`, Buffer.from(text + "\n"));
  });
  afterAll(() => gcp?.close());

  const zones = { PIPELINE_SOURCE_URL: "gs://acme-dev-lake-raw/landing", PIPELINE_TARGET_URL: "gs://acme-dev-lake-curated" };

  it("the ETL reads the raw zone and writes the star schema as its own service account", async () => {
    const run = await etl({ ...zones, ...gcp.env(sa("etl")) });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const written = [...gcp.gcs.objects.keys()].filter((k) => k.startsWith("acme-dev-lake-curated/")).map((k) => k.slice("acme-dev-lake-curated/".length));
    expect(written).toEqual(expect.arrayContaining(TABLES));
    expect(gcp.gcs.requests.every((r) => r.principal === sa("etl"))).toBe(true);
    expect(gcp.metadata.get(sa("etl"))!.requests).toEqual([{ line: "GET /computeMetadata/v1/instance/service-accounts/default/token", flavor: true }]);
  });

  it("api's daily-sales report reads the curated zone through LAKE_CURATED_URL=gs://", async () => {
    expect(await report({ LAKE_CURATED_URL: "gs://acme-dev-lake-curated", ...gcp.env(sa("api")) })).toEqual({ status: 200, body: REPORT });
  });

  it("a service account not granted the target bucket is refused by the store, and the run fails naming the object", async () => {
    const run = await etl({ ...zones, ...gcp.env(sa("api")) });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^etl: Cloud Storage \(http:\/\/127\.0\.0\.1:\d+\): get gs:\/\/acme-dev-lake-raw\/landing\/customers\.csv answered 403/);
    expect(run.stderr).not.toContain(gcp.tokenOf(sa("api")));
  });

  it("the metadata stand-in refuses a token request without Metadata-Flavor: Google, as GKE's does", async () => {
    const url = `http://${gcp.metadata.get(sa("etl"))!.host}/computeMetadata/v1/instance/service-accounts/default/token`;
    expect((await fetch(url)).status).toBe(403);
    expect((await fetch(url, { headers: { "Metadata-Flavor": "Google", "X-Forwarded-For": "10.0.0.1" } })).status).toBe(403);
    expect((await fetch(url, { headers: { "Metadata-Flavor": "Google" } })).status).toBe(200);
  });

  it("exits 2 naming STORAGE_EMULATOR_HOST when it has a path", async () => {
    const run = await etl({ ...zones, ...gcp.env(sa("etl")), STORAGE_EMULATOR_HOST: "http://127.0.0.1:1/storage/v1" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('STORAGE_EMULATOR_HOST is "http://127.0.0.1:1/storage/v1"; expected http(s)://<host>[:port] or <host>[:port]');
  });
});

describe("Azure blob lake zones (Blob REST API, an Entra token got with the pod's federated token)", () => {
  let azure: AzureStandIns;
  const TENANT = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
  const ISSUER = "https://eastus2.oic.prod-aks.azure.com/tenant/cluster/";
  const identities = {
    etl: { clientId: "1a2b3c4d-0000-4000-8000-00000000e71a", namespace: "acme-dev", serviceAccount: "etl" },
    api: { clientId: "1a2b3c4d-0000-4000-8000-0000000000a1", namespace: "acme-dev", serviceAccount: "api" },
  };
  const container = (c: string) => `https://acmedevlake.blob.core.windows.net/${c}`;
  const grants: Record<string, Record<string, "read" | "write">> = {
    [identities.etl.clientId]: { [container("raw")]: "read", [container("curated")]: "write" },
    [identities.api.clientId]: { [container("curated")]: "read" },
  };
  beforeAll(async () => {
    azure = await startAzureStandIns({
      tenantId: TENANT,
      issuer: ISSUER,
      federated: Object.values(identities).map((i) => ({ clientId: i.clientId, issuer: ISSUER, subject: `system:serviceaccount:${i.namespace}:${i.serviceAccount}` })),
      containers: [container("raw"), container("curated")],
      allowed: (who, url, access) => grants[who]?.[url] === access || grants[who]?.[url] === "write",
    });
    for (const [name, text] of Object.entries(RAW)) azure.blob.blobs.set(`${container("raw")}/${name}`, Buffer.from(text + "\n"));
  });
  afterAll(() => azure?.close());

  // The account's host resolves to the stand-in (the one network mapping); nothing else about the URL changes.
  const env = (who: keyof typeof identities) => ({ ...azure.env(identities[who]), NODE_OPTIONS: `--import=${LOCAL_NETWORK}`, STRATUM_LOCAL_HOSTS: JSON.stringify(azure.hosts(["acmedevlake"])) });
  const zones = { PIPELINE_SOURCE_URL: container("raw"), PIPELINE_TARGET_URL: container("curated") };

  it("the ETL reads the raw container and writes the star schema with its managed identity", async () => {
    const run = await etl({ ...zones, ...env("etl") });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const written = [...azure.blob.blobs.keys()].filter((k) => k.startsWith(`${container("curated")}/`)).map((k) => k.slice(container("curated").length + 1));
    expect(written).toEqual(expect.arrayContaining(TABLES));
    expect(azure.entra.exchanges).toEqual([{ clientId: identities.etl.clientId, scope: "https://storage.azure.com/.default" }]);
    expect(azure.blob.requests.every((r) => r.principal === identities.etl.clientId)).toBe(true);
  });

  it("api's daily-sales report reads the curated container through LAKE_CURATED_URL", async () => {
    expect(await report({ LAKE_CURATED_URL: container("curated"), ...env("api") })).toEqual({ status: 200, body: REPORT });
  });

  it("an identity not granted the target container is refused by the store, and the run fails naming it", async () => {
    const run = await etl({ ...zones, ...env("api") });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`etl: Blob Storage: get ${container("raw")}/customers.csv answered 403 AuthorizationPermissionMismatch`);
  });

  it("a lake URL that is not a container's URL exits 2 naming the variable", async () => {
    const run = await etl({ ...zones, PIPELINE_TARGET_URL: "https://acmedevlake.dfs.core.windows.net/curated", ...env("etl") });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('PIPELINE_TARGET_URL is "https://acmedevlake.dfs.core.windows.net/curated"; expected');
  });
});
