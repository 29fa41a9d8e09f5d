// The orders service: customers, products and orders in PostgreSQL, over REST. Configuration is the platform's
// environment (docs/wiring.md): PORT and the DATABASE_* connection it is granted. /healthz says the process is
// alive; /readyz that the database answers and holds every migration this image ships.
import { createServer } from "node:http";
import pg from "pg";
import { ConfigError, connectionSettings } from "./database.js";
import { HttpError, readJson, sendJson } from "./http.js";
import { loadMigrations } from "./migrations.js";
import { createCustomer, createOrder, createProduct, getOrder, listOrders, schemaVersion } from "./store.js";
import { id, integer, object, orderInput, text } from "./validate.js";

let settings;
try {
  settings = connectionSettings();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(`orders: ${error.message}`);
  process.exit(2);
}
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`orders: PORT is ${JSON.stringify(process.env.PORT)}; expected a port number 1-65535`);
  process.exit(2);
}
const shippedVersion = Math.max(0, ...loadMigrations().map((m) => m.version));
const pool = new pg.Pool({ ...settings.client, max: 10, connectionTimeoutMillis: 5_000 });
// An idle client's error (the server restarted) must not crash the process; the pool replaces the client.
pool.on("error", (error) => console.error(`orders: idle database connection: ${error.message}`));

const EMAIL = /^[^@\s]+@[^@\s]+$/;
const SKU = /^[A-Z0-9][A-Z0-9-]{0,39}$/;

const routes = [
  ["GET", /^\/healthz$/, async () => [200, { status: "ok" }]],
  ["GET", /^\/readyz$/, async () => {
    let version;
    try {
      version = await schemaVersion(pool, settings.schema);
    } catch (error) {
      // Not ready, not broken: the database is unreachable or not migrated yet (no schema_migrations).
      return [503, { status: "database not ready", error: error.message }];
    }
    return version >= shippedVersion ? [200, { status: "ready", schemaVersion: version }] : [503, { status: "migrations pending", schemaVersion: version, expected: shippedVersion }];
  }],
  ["POST", /^\/customers$/, async (request) => {
    const body = object(await readJson(request), ["name", "email"], "the customer");
    return [201, await createCustomer(pool, { name: text(body.name, "name"), email: text(body.email, "email", { pattern: EMAIL }) })];
  }],
  ["POST", /^\/products$/, async (request) => {
    const body = object(await readJson(request), ["sku", "name", "priceCents"], "the product");
    const product = { sku: text(body.sku, "sku", { max: 40, pattern: SKU }), name: text(body.name, "name"), priceCents: integer(body.priceCents, "priceCents", 0, 100_000_000) };
    return [201, await createProduct(pool, product)];
  }],
  ["POST", /^\/orders$/, async (request) => [201, await createOrder(pool, orderInput(await readJson(request)))]],
  ["GET", /^\/orders\/([^/]+)$/, async (_request, _url, [raw]) => {
    const order = await getOrder(pool, id(raw, "order id"));
    return order ? [200, order] : [404, { error: `order ${raw} does not exist` }];
  }],
  ["GET", /^\/orders$/, async (_request, url) => {
    const customer = url.searchParams.get("customerId");
    const limit = url.searchParams.get("limit");
    return [200, await listOrders(pool, { customerId: customer === null ? undefined : id(customer, "customerId"), limit: limit === null ? 50 : integer(Number(limit), "limit", 1, 100) })];
  }],
];

const server = createServer(async (request, response) => {
  const url = new URL(request.url ?? "/", "http://localhost");
  const matches = routes.filter(([, pattern]) => pattern.test(url.pathname));
  const route = matches.find(([method]) => method === request.method);
  try {
    if (!route) return sendJson(response, matches.length ? 405 : 404, { error: matches.length ? `${request.method} is not allowed on ${url.pathname}` : "not found" });
    const [status, body] = await route[2](request, url, route[1].exec(url.pathname).slice(1));
    sendJson(response, status, body);
  } catch (error) {
    if (error instanceof HttpError) return sendJson(response, error.status, { error: error.message });
    console.error(`orders: ${request.method} ${url.pathname}: ${error.stack ?? error}`);
    sendJson(response, 500, { error: "internal error" });
  }
});

server.listen(port, () => console.log(`orders listening on ${port} (database ${settings.client.host}:${settings.client.port}/${settings.client.database}, schema ${settings.schema})`));
process.on("SIGTERM", () => server.close(() => pool.end().then(() => process.exit(0))));
