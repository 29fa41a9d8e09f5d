import { createHash } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, appendFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../support/free-port.ts";
import { ORDERS_LOGIN, ordersDatabaseEnv } from "../support/orders-database.ts";
import { startPostgres, type Postgres } from "../support/postgres.ts";
import { runCommand, startApp, type RunningApp } from "../support/run-app.ts";
import { repoRoot } from "../support/shared-dir.ts";

const ordersDir = path.join(repoRoot, "examples/orders");
const login = ORDERS_LOGIN;
let postgres: Postgres;
let env: Record<string, string>;
const cleanups: (() => Promise<unknown> | void)[] = [];

beforeAll(async () => {
  postgres = await startPostgres({ tls: true, trustUsers: ["orders_iam"] });
  env = await ordersDatabaseEnv(postgres);
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await postgres?.stop();
});

const migrate = (extra: Record<string, string> = {}, cwd = ordersDir, args: string[] = []) => runCommand({ command: ["node", "migrate.js", ...args], cwd, env: { ...env, ...extra } });
const asOrders = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client(postgres.clientConfig("orders", login));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};
const sqlState = (p: Promise<unknown>) => p.then(() => "no error", (error: { code?: string }) => error.code);

async function startOrders(extra: Record<string, string> = {}, readinessPath = "/readyz"): Promise<RunningApp> {
  const port = await freePort();
  const app = await startApp({ command: ["node", "server.js"], cwd: ordersDir, env: { ...env, ...extra, PORT: String(port) }, port, readinessPath });
  cleanups.push(() => app.stop());
  return app;
}

async function call(app: RunningApp, method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(app.url + route, { method, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe("orders migrations (node migrate.js against PostgreSQL 15)", () => {
  it("applies the migrations in order, each recorded with its file's sha256", async () => {
    const run = await migrate();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("migrate: applied 001_customers_and_products.sql\nmigrate: applied 002_orders_and_order_lines.sql\n");
    const rows = await postgres.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version", [], "orders");
    const sha = (file: string) => createHash("sha256").update(readFileSync(path.join(ordersDir, "migrations", file))).digest("hex");
    expect(rows).toEqual([
      { version: 1, name: "customers_and_products", checksum: sha("001_customers_and_products.sql") },
      { version: 2, name: "orders_and_order_lines", checksum: sha("002_orders_and_order_lines.sql") },
    ]);
    const tables = await postgres.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", [], "orders");
    expect(tables.map((t) => t.tablename)).toEqual(["customers", "order_lines", "orders", "products", "schema_migrations"]);
  });

  it("a second run changes nothing: same migration rows (same row versions), same tables, no DDL", async () => {
    const snapshot = () =>
      postgres.query(
        `SELECT (SELECT json_agg(json_build_array(version, checksum, applied_at, xmin::text) ORDER BY version) FROM schema_migrations) AS migrations,
                (SELECT json_agg(json_build_array(relname, oid::int) ORDER BY relname) FROM pg_class WHERE relnamespace = 'public'::regnamespace) AS relations`,
        [],
        "orders",
      );
    const before = await snapshot();
    const run = await migrate();
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("migrate: 0 applied, 2 already applied (schema public)\n");
    expect(await snapshot()).toEqual(before);
  });

  it("the schema refuses rows that break its constraints", async () => {
    await asOrders(async (db) => {
      expect(await sqlState(db.query("INSERT INTO customers (name, email) VALUES (NULL, 'x@example.com')"))).toBe("23502"); // NOT NULL
      expect(await sqlState(db.query("INSERT INTO customers (name, email) VALUES ('X', 'not-an-email')"))).toBe("23514"); // CHECK
      expect(await sqlState(db.query("INSERT INTO products (sku, name, price_cents) VALUES ('NEG-1', 'Negative', -1)"))).toBe("23514");
      expect(await sqlState(db.query("INSERT INTO orders (customer_id) VALUES (999999)"))).toBe("23503"); // FOREIGN KEY
      const customer = await db.query("INSERT INTO customers (name, email) VALUES ('Constraint', 'c@example.com') RETURNING id");
      const product = await db.query("INSERT INTO products (sku, name, price_cents) VALUES ('C-1', 'C', 100) RETURNING id");
      const order = await db.query("INSERT INTO orders (customer_id) VALUES ($1) RETURNING id", [customer.rows[0].id]);
      const line = (quantity: number, lineNumber = 1) =>
        db.query("INSERT INTO order_lines (order_id, line_number, product_id, quantity, unit_price_cents) VALUES ($1, $2, $3, $4, 100)", [order.rows[0].id, lineNumber, product.rows[0].id, quantity]);
      expect(await sqlState(line(0))).toBe("23514");
      expect(await sqlState(line(1))).toBe("no error");
      expect(await sqlState(line(2))).toBe("23505"); // PRIMARY KEY (order_id, line_number)
      expect(await sqlState(db.query("UPDATE orders SET status = 'lost'"))).toBe("23514");
    });
  });

  it("refuses (exit 2, nothing applied) when an applied migration's file changed", async () => {
    // Laid out as the image is: the app, and the shared cloud clients beside it (its Dockerfile's COPY --from=cloud).
    const root = mkdtempSync(path.join(tmpdir(), "orders-copy-"));
    cleanups.push(() => rmSync(root, { recursive: true, force: true }));
    const copy = path.join(root, "orders");
    cpSync(ordersDir, copy, { recursive: true });
    cpSync(path.join(repoRoot, "examples/cloud"), path.join(root, "cloud"), { recursive: true });
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(root, "node_modules"));
    appendFileSync(path.join(copy, "migrations/002_orders_and_order_lines.sql"), "\nALTER TABLE orders ADD COLUMN note text;\n");
    writeFileSync(path.join(copy, "migrations/003_more.sql"), "CREATE TABLE should_not_exist (id int);\n");
    const run = await migrate({}, copy);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/migrations\/002_orders_and_order_lines\.sql changed after it was applied \(recorded sha256 [0-9a-f]{64}, file [0-9a-f]{64}\)/);
    expect(await postgres.query("SELECT to_regclass('should_not_exist') AS t", [], "orders")).toEqual([{ t: null }]);
  });

  it("DATABASE_SCHEMA: creates the review environment's schema and migrates inside it; readiness waits for it", async () => {
    const app = await startOrders({ DATABASE_SCHEMA: "pr_42" }, "/healthz");
    expect(await call(app, "GET", "/readyz")).toEqual({ status: 503, body: { status: "database not ready", error: 'relation "pr_42.schema_migrations" does not exist' } });
    const run = await migrate({ DATABASE_SCHEMA: "pr_42" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("2 applied, 0 already applied (schema pr_42)");
    const tables = await postgres.query("SELECT tablename FROM pg_tables WHERE schemaname = 'pr_42' ORDER BY 1", [], "orders");
    expect(tables.map((t) => t.tablename)).toEqual(["customers", "order_lines", "orders", "products", "schema_migrations"]);
    expect(await call(app, "GET", "/readyz")).toEqual({ status: 200, body: { status: "ready", schemaVersion: 2 } });
    expect((await call(app, "POST", "/customers", { name: "Review", email: "review@example.com" })).status).toBe(201);
    expect(await postgres.query("SELECT email FROM pr_42.customers", [], "orders")).toEqual([{ email: "review@example.com" }]);
    expect(await postgres.query("SELECT count(*)::int AS n FROM public.customers WHERE email = 'review@example.com'", [], "orders")).toEqual([{ n: 0 }]);
  });
});

describe("orders teardown (node migrate.js --drop-schema, a review environment's)", () => {
  const schemas = async () => (await postgres.query("SELECT nspname FROM pg_namespace WHERE nspname IN ('public', 'pr_7') ORDER BY 1", [], "orders")).map((r) => r.nspname);
  const publicTables = () => postgres.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", [], "orders");

  it("drops the pr_7 schema with everything in it, and leaves public as it was", async () => {
    expect((await migrate()).code).toBe(0);
    const before = await publicTables();
    expect(before.map((t) => t.tablename)).toContain("orders");
    const migrated = await migrate({ DATABASE_SCHEMA: "pr_7" });
    expect(migrated.code).toBe(0);
    await postgres.query("INSERT INTO pr_7.customers (name, email) VALUES ('Seven', 'seven@example.com')", [], "orders");
    expect(await schemas()).toEqual(["pr_7", "public"]);

    const dropped = await migrate({ DATABASE_SCHEMA: "pr_7" }, ordersDir, ["--drop-schema"]);
    expect(dropped).toMatchObject({ code: 0, stdout: "migrate: dropped schema pr_7\n" });
    expect(await schemas()).toEqual(["public"]);
    expect(await publicTables()).toEqual(before);
    // Dropping what is gone already is a no-op: a rerun of the teardown succeeds.
    expect((await migrate({ DATABASE_SCHEMA: "pr_7" }, ordersDir, ["--drop-schema"])).code).toBe(0);
  });

  it("refuses public and an absent DATABASE_SCHEMA (exit 2, nothing dropped), and unknown arguments", async () => {
    const before = await publicTables();
    const absent = await migrate({ DATABASE_SCHEMA: "" }, ordersDir, ["--drop-schema"]);
    expect(absent.code).toBe(2);
    expect(absent.stderr).toContain("migrate: --drop-schema drops a review environment's schema: DATABASE_SCHEMA is not set; expected the review environment's schema such as pr_42 (public is never dropped)");
    const named = await migrate({ DATABASE_SCHEMA: "public" }, ordersDir, ["--drop-schema"]);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('DATABASE_SCHEMA is "public"');
    const unknown = await migrate({}, ordersDir, ["--drop"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown argument "--drop"');
    expect(await publicTables()).toEqual(before);
  });
});

describe("orders service (node server.js)", () => {
  let app: RunningApp;
  beforeAll(async () => {
    expect((await migrate()).code).toBe(0);
    app = await startOrders();
  });

  it("answers liveness and readiness on PORT", async () => {
    expect(await call(app, "GET", "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
    expect(await call(app, "GET", "/readyz")).toEqual({ status: 200, body: { status: "ready", schemaVersion: 2 } });
  });

  it("is alive but not ready while its database does not answer", async () => {
    const orphan = await startOrders({ DATABASE_PORT: String(await freePort()) }, "/healthz");
    const ready = await call(orphan, "GET", "/readyz");
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ status: "database not ready", error: expect.stringContaining("ECONNREFUSED") });
  });

  it("writes customers, products and an order with its lines, serves them back, and they are in PostgreSQL", async () => {
    const customer = await call(app, "POST", "/customers", { name: "Ada Lovelace", email: "ada@example.com" });
    expect(customer.status).toBe(201);
    const tea = await call(app, "POST", "/products", { sku: "TEA-1", name: "Tea", priceCents: 450 });
    const cup = await call(app, "POST", "/products", { sku: "CUP-1", name: "Cup", priceCents: 1200 });
    const placed = await call(app, "POST", "/orders", { customerId: customer.body.id, lines: [{ productId: tea.body.id, quantity: 3 }, { productId: cup.body.id, quantity: 1 }] });
    expect(placed.status).toBe(201);
    expect(placed.body).toMatchObject({ customerId: customer.body.id, status: "placed", totalCents: 3 * 450 + 1200 });
    const fetched = await call(app, "GET", `/orders/${placed.body.id}`);
    expect(fetched).toEqual({ status: 200, body: placed.body });
    expect(fetched.body.lines).toEqual([
      { lineNumber: 1, productId: tea.body.id, quantity: 3, unitPriceCents: 450 },
      { lineNumber: 2, productId: cup.body.id, quantity: 1, unitPriceCents: 1200 },
    ]);
    const rows = await asOrders((db) =>
      db.query("SELECT o.customer_id::int, l.line_number, l.product_id::int, l.quantity, l.unit_price_cents FROM orders o JOIN order_lines l ON l.order_id = o.id WHERE o.id = $1 ORDER BY 2", [placed.body.id]),
    );
    expect(rows.rows).toEqual([
      { customer_id: customer.body.id, line_number: 1, product_id: tea.body.id, quantity: 3, unit_price_cents: 450 },
      { customer_id: customer.body.id, line_number: 2, product_id: cup.body.id, quantity: 1, unit_price_cents: 1200 },
    ]);
    const list = await call(app, "GET", `/orders?customerId=${customer.body.id}`);
    expect(list.body).toEqual([{ id: placed.body.id, customerId: customer.body.id, status: "placed", createdAt: placed.body.createdAt, totalCents: 2550, lineCount: 2 }]);
  });

  it("400 on bad input naming the field, 404 on unknown ids, 409 on a duplicate, and a failed order leaves no rows", async () => {
    const customer = await call(app, "POST", "/customers", { name: "Grace", email: "grace@example.com" });
    const product = await call(app, "POST", "/products", { sku: "MUG-1", name: "Mug", priceCents: 900 });
    const count = async () => (await postgres.query("SELECT count(*)::int AS n FROM orders", [], "orders"))[0]?.n;
    const before = await count();
    expect(await call(app, "POST", "/orders", "{not json")).toEqual({ status: 400, body: { error: "the body is not JSON" } });
    expect(await call(app, "POST", "/orders", { customerId: customer.body.id, lines: [] })).toEqual({ status: 400, body: { error: "lines must be an array of 1 to 100 order lines" } });
    expect(await call(app, "POST", "/orders", { customerId: customer.body.id, lines: [{ productId: product.body.id, quantity: 0 }] })).toEqual({
      status: 400,
      body: { error: "lines[0].quantity is 0; expected an integer from 1 to 1000" },
    });
    expect((await call(app, "POST", "/orders", { customerId: "1", lines: [{ productId: 1, quantity: 1 }] })).body.error).toMatch(/^customerId is "1"/);
    expect((await call(app, "POST", "/products", { sku: "lower", name: "x", priceCents: 1 })).status).toBe(400);
    expect((await call(app, "POST", "/customers", { name: "X", email: "x@example.com", admin: true })).body.error).toMatch(/unknown field\(s\) admin/);
    expect(await call(app, "POST", "/orders", { customerId: 999999, lines: [{ productId: product.body.id, quantity: 1 }] })).toEqual({ status: 404, body: { error: "customer 999999 does not exist" } });
    expect(await call(app, "POST", "/orders", { customerId: customer.body.id, lines: [{ productId: product.body.id, quantity: 1 }, { productId: 888888, quantity: 1 }] })).toEqual({
      status: 404,
      body: { error: "product(s) 888888 do not exist" },
    });
    expect(await count()).toBe(before);
    expect(await call(app, "GET", "/orders/777777")).toEqual({ status: 404, body: { error: "order 777777 does not exist" } });
    expect((await call(app, "GET", "/orders/abc")).status).toBe(400);
    expect((await call(app, "POST", "/customers", { name: "Grace again", email: "grace@example.com" })).status).toBe(409);
    expect((await call(app, "DELETE", "/orders")).status).toBe(405);
  });

  it("exits 2 naming the variable when the connection settings are wrong", async () => {
    for (const [extra, message] of [
      [{ DATABASE_AUTH: "" }, "DATABASE_AUTH is not set; expected aws-iam, gcp-iam, azure-entra or password"],
      [{ DATABASE_AUTH: "kerberos" }, 'DATABASE_AUTH is "kerberos"; expected aws-iam, gcp-iam, azure-entra or password'],
      [{ DATABASE_PORT: "http" }, 'DATABASE_PORT is "http"; expected a port number 1-65535'],
      [{ DATABASE_SCHEMA: "pr-1; DROP" }, 'DATABASE_SCHEMA is "pr-1; DROP"'],
      [{ DATABASE_SSLMODE: "prefer" }, 'DATABASE_SSLMODE is "prefer"'],
    ] as const) {
      const run = await runCommand({ command: ["node", "server.js"], cwd: ordersDir, env: { ...env, ...extra, PORT: "1" } });
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});

describe("DATABASE_AUTH=aws-iam", () => {
  it("the service runs with the platform's own DATABASE_AUTH=aws-iam and DATABASE_SSLMODE=require, over TLS", async () => {
    // The local server trusts this role where RDS would verify the IAM token: everything else is the platform's env.
    await postgres.query("CREATE ROLE orders_iam LOGIN IN ROLE orders");
    const platform = {
      DATABASE_USER: "orders_iam",
      DATABASE_AUTH: "aws-iam",
      DATABASE_SSLMODE: "require",
      DATABASE_PASSWORD: "",
      AWS_REGION: "us-east-1",
      AWS_ACCESS_KEY_ID: "OFFLINETESTACCESSKEY",
      AWS_SECRET_ACCESS_KEY: "offline-test-secret-access-key",
      AWS_EC2_METADATA_DISABLED: "true",
    };
    const migration = await migrate(platform);
    expect(migration.code).toBe(0);
    expect(migration.stdout).toBe("migrate: 0 applied, 2 already applied (schema public)\n");
    const app = await startOrders(platform);
    expect((await call(app, "POST", "/customers", { name: "Iam", email: "iam@example.com" })).status).toBe(201);
    const sessions = await postgres.query("SELECT bool_and(s.ssl) AS all_tls, count(*)::int AS n FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.usename = 'orders_iam'");
    expect(sessions[0]).toMatchObject({ all_tls: true });
    expect(sessions[0]?.n).toBeGreaterThan(0);
  });

  it("mints an RDS IAM auth token for the granted host, port and user, offline, from static credentials", async () => {
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_ACCESS_KEY_ID: "OFFLINETESTACCESSKEY", AWS_SECRET_ACCESS_KEY: "offline-test-secret-access-key", AWS_EC2_METADATA_DISABLED: "true" });
    delete process.env.AWS_SESSION_TOKEN;
    delete process.env.AWS_PROFILE;
    try {
      const { connectionSettings } = await import(pathToFileURL(path.join(ordersDir, "database.js")).href);
      const { client } = connectionSettings({
        DATABASE_HOST: "orders.abc123.us-east-1.rds.amazonaws.com",
        DATABASE_PORT: "5432",
        DATABASE_NAME: "orders",
        DATABASE_USER: "orders",
        DATABASE_AUTH: "aws-iam",
        DATABASE_SSLMODE: "require",
        AWS_REGION: "us-east-1",
      });
      expect(client.ssl).toEqual({ rejectUnauthorized: false });
      expect(typeof client.password).toBe("function");
      const token: string = await client.password();
      const url = new URL(`https://${token}`);
      expect(url.host).toBe("orders.abc123.us-east-1.rds.amazonaws.com:5432");
      expect(url.searchParams.get("Action")).toBe("connect");
      expect(url.searchParams.get("DBUser")).toBe("orders");
      expect(url.searchParams.get("X-Amz-Credential")).toMatch(/^OFFLINETESTACCESSKEY\/\d{8}\/us-east-1\/rds-db\/aws4_request$/);
      expect(url.searchParams.get("X-Amz-Expires")).toBe("900");
      expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);
      expect(() => connectionSettings({ DATABASE_HOST: "h", DATABASE_PORT: "5432", DATABASE_NAME: "n", DATABASE_USER: "u", DATABASE_AUTH: "aws-iam" })).toThrow(
        "AWS_REGION is not set; expected the AWS region the RDS signer signs for",
      );
    } finally {
      // Put back the process's own environment (not a copy in its place): the next test file in this process
      // and native code reading the environment see it as it was.
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  });
});
