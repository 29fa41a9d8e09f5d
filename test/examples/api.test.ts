import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeS3 } from "../support/fake-s3.ts";
import { freePort } from "../support/free-port.ts";
import { ordersDatabaseEnv } from "../support/orders-database.ts";
import { startPostgres, type Postgres } from "../support/postgres.ts";
import { writeRawZone } from "../support/raw-zone-sample.ts";
import { runCommand, startApp, type RunningApp } from "../support/run-app.ts";
import { repoRoot } from "../support/shared-dir.ts";

const apiDir = path.join(repoRoot, "examples/api");
const ordersDir = path.join(repoRoot, "examples/orders");
const lake = mkdtempSync(path.join(tmpdir(), "api-lake-"));
let postgres: Postgres;
let orders: RunningApp;
let api: RunningApp;
let apiEnv: Record<string, string>;
const started: RunningApp[] = [];

async function start(cwd: string, env: Record<string, string>, readinessPath = "/readyz"): Promise<RunningApp> {
  const port = await freePort();
  const app = await startApp({ command: ["node", "server.js"], cwd, env: { ...env, PORT: String(port) }, port, readinessPath });
  started.push(app);
  return app;
}

beforeAll(async () => {
  postgres = await startPostgres();
  const databaseEnv = await ordersDatabaseEnv(postgres);
  expect((await runCommand({ command: ["node", "migrate.js"], cwd: ordersDir, env: databaseEnv })).code).toBe(0);
  orders = await start(ordersDir, databaseEnv);
  // The curated zone as the ETL leaves it.
  mkdirSync(path.join(lake, "raw"));
  writeRawZone(path.join(lake, "raw"));
  const etl = await runCommand({
    command: ["node", "etl.js"],
    cwd: path.join(repoRoot, "examples/etl"),
    env: { PIPELINE_SOURCE_URL: pathToFileURL(path.join(lake, "raw")).href, PIPELINE_TARGET_URL: pathToFileURL(path.join(lake, "curated")).href },
  });
  expect(etl.code).toBe(0);
  apiEnv = { SERVICE_ORDERS_URL: orders.url, LAKE_CURATED_URL: pathToFileURL(path.join(lake, "curated")).href };
  api = await start(apiDir, apiEnv);
});

afterAll(async () => {
  for (const app of started.reverse()) await app.stop();
  await postgres?.stop();
  rmSync(lake, { recursive: true, force: true });
});

async function call(base: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(base + route, { method, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe("api (node server.js) in front of orders", () => {
  it("answers liveness on PORT, and readiness only while orders is ready", async () => {
    expect(await call(api.url, "GET", "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await call(api.url, "GET", "/readyz")).toEqual({ status: 200, body: { status: "ready" } });
    const nowhere = `http://127.0.0.1:${await freePort()}`;
    const alone = await start(apiDir, { ...apiEnv, SERVICE_ORDERS_URL: nowhere }, "/healthz");
    expect(await call(alone.url, "GET", "/readyz")).toEqual({ status: 503, body: { status: "orders is not ready" } });
    expect(await call(alone.url, "GET", "/v1/orders/1")).toMatchObject({ status: 502, body: { error: expect.stringMatching(/^the orders service did not answer/) } });
  });

  it("places an order through SERVICE_ORDERS_URL and reads it back; the rows are in PostgreSQL", async () => {
    const customer = await call(orders.url, "POST", "/customers", { name: "Ada", email: "ada@example.com" });
    const product = await call(orders.url, "POST", "/products", { sku: "TEA-1", name: "Tea", priceCents: 450 });
    const placed = await call(api.url, "POST", "/v1/orders", { customerId: customer.body.id, lines: [{ productId: product.body.id, quantity: 2 }] });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ customerId: customer.body.id, totalCents: 900, lines: [{ lineNumber: 1, productId: product.body.id, quantity: 2, unitPriceCents: 450 }] });
    expect(await call(api.url, "GET", `/v1/orders/${placed.body.id}`)).toEqual({ status: 200, body: placed.body });
    expect(await call(api.url, "GET", `/v1/orders/${placed.body.id}`)).toEqual(await call(orders.url, "GET", `/orders/${placed.body.id}`));
    expect((await call(api.url, "GET", `/v1/orders?customerId=${customer.body.id}&limit=5`)).body).toEqual([expect.objectContaining({ id: placed.body.id, totalCents: 900 })]);
    expect(await postgres.query("SELECT customer_id::int, quantity FROM orders JOIN order_lines ON order_id = orders.id WHERE orders.id = $1", [placed.body.id], "orders")).toEqual([
      { customer_id: customer.body.id, quantity: 2 },
    ]);
  });

  it("refuses bad input itself (400, nothing sent on), and passes orders' 404 on", async () => {
    const count = async () => (await postgres.query("SELECT count(*)::int AS n FROM orders", [], "orders"))[0]?.n;
    const before = await count();
    expect(await call(api.url, "POST", "/v1/orders", "[")).toEqual({ status: 400, body: { error: "the body is not JSON" } });
    expect(await call(api.url, "POST", "/v1/orders", { customerId: 1, lines: [{ productId: 1, quantity: 1001 }] })).toEqual({
      status: 400,
      body: { error: "lines[0].quantity is 1001; expected an integer from 1 to 1000" },
    });
    expect((await call(api.url, "GET", "/v1/orders/..%2F..%2Fcustomers")).status).toBe(400);
    expect((await call(api.url, "GET", "/v1/orders?limit=1000")).status).toBe(400);
    expect(await count()).toBe(before);
    expect(await call(api.url, "GET", "/v1/orders/424242")).toEqual({ status: 404, body: { error: "order 424242 does not exist" } });
    expect(await call(api.url, "POST", "/v1/orders", { customerId: 424242, lines: [{ productId: 1, quantity: 1 }] })).toEqual({ status: 404, body: { error: "customer 424242 does not exist" } });
  });

  it("reports a day's sales from the curated zone's Parquet (LAKE_CURATED_URL)", async () => {
    expect(await call(api.url, "GET", "/v1/reports/daily-sales?date=2026-11-29")).toEqual({
      status: 200,
      body: {
        date: "2026-11-29",
        orders: 1,
        lines: 2,
        units: 3,
        revenueCents: 2000,
        byProduct: [
          { sku: "CUP-1", name: "Cup", units: 1, revenueCents: 1100 },
          { sku: "TEA-1", name: "Tea", units: 2, revenueCents: 900 },
        ],
      },
    });
    expect((await call(api.url, "GET", "/v1/reports/daily-sales?date=2026-12-01")).body).toMatchObject({ orders: 1, units: 3, revenueCents: 3600 });
    expect(await call(api.url, "GET", "/v1/reports/daily-sales?date=2026-11-01")).toEqual({ status: 404, body: { error: "no curated sales for 2026-11-01: the ETL has not written that day" } });
    expect(await call(api.url, "GET", "/v1/reports/daily-sales?date=2026-02-30")).toEqual({ status: 400, body: { error: 'date is "2026-02-30"; expected a date YYYY-MM-DD' } });
  });

  it("reads the same report from an s3:// curated zone, downloading only that day's partition and dim_product", async () => {
    const s3 = await startFakeS3();
    try {
      const curated = path.join(lake, "curated");
      for (const entry of readdirSync(curated, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())) {
        const file = path.join(entry.parentPath, entry.name);
        s3.objects.set(`acme-dev-curated/star/${path.relative(curated, file)}`, readFileSync(file));
      }
      const fromS3 = await start(apiDir, { ...apiEnv, LAKE_CURATED_URL: "s3://acme-dev-curated/star", ...s3.env() });
      const expected = await call(api.url, "GET", "/v1/reports/daily-sales?date=2026-11-29");
      expect(await call(fromS3.url, "GET", "/v1/reports/daily-sales?date=2026-11-29")).toEqual(expected);
      expect(s3.requests.filter((r) => r.line.startsWith("GET")).map((r) => decodeURIComponent(r.line).replace("?x-id=GetObject", ""))).toEqual([
        "GET /acme-dev-curated/?list-type=2&prefix=star/fact_order_lines/order_date=2026-11-29/",
        "GET /acme-dev-curated/star/fact_order_lines/order_date=2026-11-29/part-0.parquet",
        "GET /acme-dev-curated/?list-type=2&prefix=star/dim_product/",
        "GET /acme-dev-curated/star/dim_product/part-0.parquet",
      ]);
      expect(await call(fromS3.url, "GET", "/v1/reports/daily-sales?date=2026-11-02")).toMatchObject({ status: 404 });
    } finally {
      await s3.close();
    }
  });

  it("exits 2 naming the variable when its wiring is missing", async () => {
    for (const [env, message] of [
      [{ LAKE_CURATED_URL: apiEnv.LAKE_CURATED_URL! }, "SERVICE_ORDERS_URL is null; expected http://<host>:<port> of the orders service"],
      [{ SERVICE_ORDERS_URL: orders.url }, "LAKE_CURATED_URL is not set; expected s3://<bucket>[/prefix], gs://<bucket>[/prefix], https://<account>.blob.core.windows.net/<container>[/prefix] or file:///<dir>"],
      [{ ...apiEnv, SERVICE_ORDERS_URL: "orders:8080" }, 'SERVICE_ORDERS_URL is "orders:8080"'],
      [{ ...apiEnv, LAKE_CURATED_URL: "s3://acme-dev-curated" }, "AWS_REGION is not set; expected the region of the lake's buckets"],
    ] as const) {
      const run = await runCommand({ command: ["node", "server.js"], cwd: apiDir, env: { ...env, PORT: "1" } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});
