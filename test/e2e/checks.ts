import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { RAW } from "../support/raw-zone-sample.ts";
import type { OfflineSystem } from "./offline-system.ts";
import type { PlannedWorkload } from "./plan-workloads.ts";

/**
 * The end-to-end checks, each against the real processes of an OfflineSystem. A check that fails throws a message
 * naming the workload, the manifest field and the value that broke, and what happened instead.
 */
type Inputs = Record<string, any>;

const wires = (w: PlannedWorkload, names: readonly string[]) => names.filter((n) => n in w.env).map((n) => `${n}=${w.env[n]}`).join(" ");
const DATABASE_WIRES = ["DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER", "DATABASE_AUTH", "DATABASE_SSLMODE"];

async function call(base: string, method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(base + route, { method, body: body === undefined ? undefined : JSON.stringify(body), headers: { "content-type": "application/json" } });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text for the message
  }
  return { status: response.status, body: parsed };
}

function expectStatus(who: string, answer: { status: number; body: unknown }, status: number, what: string): any {
  if (answer.status !== status) throw new Error(`${who}: ${what} answered ${answer.status} ${JSON.stringify(answer.body)}; expected ${status}`);
  return answer.body;
}

const base = (system: OfflineSystem, w: PlannedWorkload, port = w.containerPorts[0]!.containerPort) => `http://${system.address(w)}:${port}`;

/** The migration Job's command applies every migration the image ships, each recorded in schema_migrations. */
export async function migrationsApply(system: OfflineSystem): Promise<void> {
  const job = system.find("Job", "orders");
  const run = await system.run(job);
  if (run.code !== 0) throw new Error(`Job ${job.name}: command ${JSON.stringify(job.argv)} (${wires(job, DATABASE_WIRES)}) exited ${run.code}:\n${run.stdout}${run.stderr}`);
  const shipped = readdirSync(path.join(job.dir, "migrations")).filter((f) => f.endsWith(".sql")).sort();
  const recorded = await migrationRows(system);
  const names = recorded.map((r) => `${String(r.version).padStart(3, "0")}_${r.name}.sql`);
  if (JSON.stringify(names) !== JSON.stringify(shipped)) throw new Error(`Job ${job.name}: schema_migrations in ${system.database!.name} holds ${JSON.stringify(names)}; the image ships ${JSON.stringify(shipped)}`);
}

function migrationRows(system: OfflineSystem): Promise<{ version: number; name: string; checksum: string; applied_at: string; xmin: string }[]> {
  return system.postgres!.query("SELECT version, name, checksum, applied_at::text, xmin::text FROM schema_migrations ORDER BY version", [], system.database!.name);
}

/** A second run of the Job's command applies nothing: the migrations table is unchanged, row versions included. */
export async function migrationsRerunIsNoop(system: OfflineSystem): Promise<void> {
  const job = system.find("Job", "orders");
  const before = await migrationRows(system);
  const run = await system.run(job);
  if (run.code !== 0) throw new Error(`Job ${job.name}: a second run of ${JSON.stringify(job.argv)} exited ${run.code}:\n${run.stdout}${run.stderr}`);
  const after = await migrationRows(system);
  if (JSON.stringify(after) !== JSON.stringify(before)) throw new Error(`Job ${job.name}: a second run changed schema_migrations: ${JSON.stringify(before)} became ${JSON.stringify(after)}`);
}

/** Every probe of the workload answers 200 on its resolved port at the workload's address. */
export async function probesAnswer(system: OfflineSystem, w: PlannedWorkload): Promise<void> {
  for (const probe of w.probes) {
    const where = `${probe.path} on ${probe.port} at ${system.address(w)}`;
    const answer = await fetch(`http://${system.address(w)}:${probe.port}${probe.path}`).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      (error: Error) => ({ status: 0, body: `${error.message} ${(error.cause as Error | undefined)?.message ?? ""}` }),
    );
    if (answer.status !== 200) throw new Error(`${w.name}: ${probe.field} ${where} (port ${JSON.stringify(probe.portAsWritten)}) answered ${answer.status || "nothing"} ${answer.body}`);
  }
}

/** orders writes rows through its REST API and reads them back; the rows are in PostgreSQL. */
export async function ordersServesRows(system: OfflineSystem): Promise<void> {
  const orders = system.find("Deployment", "orders");
  const url = base(system, orders);
  const who = `orders (${wires(orders, DATABASE_WIRES)})`;
  const stamp = Date.now().toString(36) + Math.random().toString(36).slice(2, 6);
  const customer = expectStatus(who, await call(url, "POST", "/customers", { name: "Ada", email: `ada-${stamp}@example.com` }), 201, "POST /customers");
  const product = expectStatus(who, await call(url, "POST", "/products", { sku: `TEA-${stamp}`.toUpperCase(), name: "Tea", priceCents: 450 }), 201, "POST /products");
  const order = expectStatus(who, await call(url, "POST", "/orders", { customerId: customer.id, lines: [{ productId: product.id, quantity: 2 }] }), 201, "POST /orders");
  const read = expectStatus(who, await call(url, "GET", `/orders/${order.id}`), 200, `GET /orders/${order.id}`);
  if (JSON.stringify(read) !== JSON.stringify(order)) throw new Error(`${who}: GET /orders/${order.id} answered ${JSON.stringify(read)}; POST /orders had answered ${JSON.stringify(order)}`);
  await rowsInPostgres(system, "orders", order.id, [{ customer_id: customer.id, product_id: product.id, quantity: 2, unit_price_cents: 450 }]);
  // As DATABASE_USER, over TLS (DATABASE_SSLMODE=require; the server takes that user over TLS only).
  const sessions = await system.postgres!.query("SELECT a.usename, s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.datname = $1 AND a.usename <> 'postgres'", [system.database!.name]);
  if (sessions.length === 0 || sessions.some((s) => s["usename"] !== orders.env["DATABASE_USER"] || s["ssl"] !== true)) {
    throw new Error(`${who}: the database's sessions are ${JSON.stringify(sessions)}; expected only ${orders.env["DATABASE_USER"]}, over TLS`);
  }
}

async function rowsInPostgres(system: OfflineSystem, who: string, orderId: number, expected: unknown[]): Promise<void> {
  const rows = await system.postgres!.query(
    "SELECT o.customer_id::int, l.product_id::int, l.quantity, l.unit_price_cents::int FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = $1 ORDER BY l.line_number",
    [orderId],
    system.database!.name,
  );
  if (JSON.stringify(rows) !== JSON.stringify(expected)) throw new Error(`${who}: order ${orderId} in PostgreSQL (${system.database!.name}) is ${JSON.stringify(rows)}; expected ${JSON.stringify(expected)}`);
}

/** api places an order through SERVICE_ORDERS_URL; orders and PostgreSQL hold it. */
export async function apiReachesOrders(system: OfflineSystem): Promise<void> {
  const api = system.find("Deployment", "api");
  const orders = system.find("Deployment", "orders");
  const who = `api (SERVICE_ORDERS_URL=${api.env["SERVICE_ORDERS_URL"]})`;
  const stamp = Date.now().toString(36);
  const customer = expectStatus("orders", await call(base(system, orders), "POST", "/customers", { name: "Grace", email: `grace-${stamp}@example.com` }), 201, "POST /customers");
  const product = expectStatus("orders", await call(base(system, orders), "POST", "/products", { sku: `CUP-${stamp}`.toUpperCase(), name: "Cup", priceCents: 1200 }), 201, "POST /products");
  const placed = expectStatus(who, await call(base(system, api), "POST", "/v1/orders", { customerId: customer.id, lines: [{ productId: product.id, quantity: 3 }] }), 201, "POST /v1/orders");
  const fromOrders = expectStatus("orders", await call(base(system, orders), "GET", `/orders/${placed.id}`), 200, `GET /orders/${placed.id} (placed through api)`);
  if (JSON.stringify(fromOrders) !== JSON.stringify(placed)) throw new Error(`${who}: orders holds ${JSON.stringify(fromOrders)} for the order api answered ${JSON.stringify(placed)}`);
  expectStatus(who, await call(base(system, api), "GET", `/v1/orders/${placed.id}`), 200, `GET /v1/orders/${placed.id}`);
  await rowsInPostgres(system, who, placed.id, [{ customer_id: customer.id, product_id: product.id, quantity: 3, unit_price_cents: 1200 }]);
}


/**
 * The raw sample lands in the raw zone's bucket or container (the plan's `lakeZones.raw`); the CronJob's command
 * turns it into the star schema in the curated zone's, which reads back with DuckDB.
 */
export async function etlWritesStarSchema(system: OfflineSystem): Promise<void> {
  const cron = system.find("CronJob", "etl");
  const zones = (system.plan.outputs as Inputs)["lakeZones"] as Record<string, string>;
  const lake = system.cloud!.objects;
  for (const [name, text] of Object.entries(RAW)) lake.set(`${zones["raw"]}/${name}`, Buffer.from(text + "\n"));
  const who = `CronJob ${cron.name} (${wires(cron, ["PIPELINE_SOURCE_URL", "PIPELINE_TARGET_URL"])})`;
  const run = await system.run(cron);
  if (run.code !== 0) throw new Error(`${who}: command ${JSON.stringify(cron.argv)} exited ${run.code}:\n${run.stdout}${run.stderr}`);
  const curated = zones["curated"]!;
  const written = [...lake.keys()].filter((k) => k.startsWith(`${curated}/`)).map((k) => k.slice(curated.length + 1)).sort();
  const tables = ["dim_customer/part-0.parquet", "dim_date/part-0.parquet", "dim_product/part-0.parquet", "fact_order_lines/order_date=2026-11-29/part-0.parquet", "fact_order_lines/order_date=2026-12-01/part-0.parquet"];
  const missing = tables.filter((t) => !written.includes(t));
  if (missing.length > 0) {
    const elsewhere = [...lake.keys()].filter((k) => !k.startsWith(`${curated}/`) && !k.startsWith(`${zones["raw"]}/`));
    throw new Error(`${who}: the curated zone's bucket ${curated} lacks ${missing.join(", ")} (it holds ${JSON.stringify(written)}; written elsewhere: ${JSON.stringify(elsewhere)}; the run said:\n${run.stdout}${run.stderr})`);
  }
  const dir = mkdtempSync(path.join(tmpdir(), "stratum-e2e-curated-"));
  const instance = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false", autoload_known_extensions: "false" });
  const duck = await instance.connect();
  try {
    for (const key of written) {
      mkdirSync(path.dirname(path.join(dir, key)), { recursive: true });
      writeFileSync(path.join(dir, key), lake.get(`${curated}/${key}`)!);
    }
    const t = (table: string) => `read_parquet('${path.join(dir, table)}/**/*.parquet', hive_partitioning = true)`;
    const rows = async (sql: string) => (await duck.runAndReadAll(sql)).getRowObjectsJson();
    const fact = await rows(`SELECT order_id, line_number, date_key, customer_key, product_key, quantity, amount_cents, order_status FROM ${t("fact_order_lines")} ORDER BY 1, 2`);
    const expected = [
      { order_id: "10", line_number: 1, date_key: 20261129, customer_key: "1", product_key: "1", quantity: 2, amount_cents: "900", order_status: "paid" },
      { order_id: "10", line_number: 2, date_key: 20261129, customer_key: "1", product_key: "2", quantity: 1, amount_cents: "1100", order_status: "paid" },
      { order_id: "11", line_number: 1, date_key: 20261201, customer_key: "2", product_key: "2", quantity: 3, amount_cents: "3600", order_status: "placed" },
    ];
    if (JSON.stringify(fact) !== JSON.stringify(expected)) throw new Error(`${who}: fact_order_lines in ${curated} reads back as ${JSON.stringify(fact)}; expected ${JSON.stringify(expected)}`);
    const joined = await rows(`SELECT count(*)::INTEGER AS n FROM ${t("fact_order_lines")} f JOIN ${t("dim_customer")} USING (customer_key) JOIN ${t("dim_product")} USING (product_key) JOIN ${t("dim_date")} USING (date_key)`);
    if (joined[0]?.["n"] !== 3) throw new Error(`${who}: only ${joined[0]?.["n"]} of 3 fact rows join one row of each dimension (dim_customer, dim_product, dim_date)`);
  } finally {
    duck.closeSync();
    instance.closeSync();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** api's daily-sales report reads the ETL's curated output through LAKE_CURATED_URL. */
export async function reportReadsCurated(system: OfflineSystem): Promise<void> {
  const api = system.find("Deployment", "api");
  const who = `api (LAKE_CURATED_URL=${api.env["LAKE_CURATED_URL"]})`;
  const report = expectStatus(who, await call(base(system, api), "GET", "/v1/reports/daily-sales?date=2026-11-29"), 200, "GET /v1/reports/daily-sales?date=2026-11-29");
  const expected = { date: "2026-11-29", orders: 1, lines: 2, units: 3, revenueCents: 2000, byProduct: [{ sku: "CUP-1", name: "Cup", units: 1, revenueCents: 1100 }, { sku: "TEA-1", name: "Tea", units: 2, revenueCents: 900 }] };
  if (JSON.stringify(report) !== JSON.stringify(expected)) throw new Error(`${who}: the daily-sales report is ${JSON.stringify(report)}; expected ${JSON.stringify(expected)}`);
}

/** The model server answers SageMaker's /ping and /invocations and the cluster's /predict with recommendations. */
export async function modelAnswers(system: OfflineSystem, w: PlannedWorkload, port: number): Promise<void> {
  const url = `http://${system.address(w)}:${port}`;
  const who = `${w.kind} ${w.name} on ${port} at ${system.address(w)}`;
  expectStatus(who, await call(url, "GET", "/ping"), 200, "GET /ping");
  const routes = w.kind === "SageMaker model" ? ["/invocations"] : ["/invocations", "/predict"];
  for (const route of routes) {
    const answer = expectStatus(who, await call(url, "POST", route, { items: ["BUTTER"], k: 2 }), 200, `POST ${route}`);
    const recommendations = answer?.recommendations as { item: string; score: number }[] | undefined;
    if (!recommendations?.length || recommendations[0]!.item !== "HONEY") throw new Error(`${who}: POST ${route} {"items":["BUTTER"]} answered ${JSON.stringify(answer)}; expected HONEY first, as the trained model scores it`);
  }
}
