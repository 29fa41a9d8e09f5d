// The public API. Orders are the orders service's, reached through SERVICE_ORDERS_URL (this service
// `talksTo: [orders]`); reports read the curated lake zone the ETL writes, LAKE_CURATED_URL (this service is
// granted `lake: { curated: read }`). /healthz: the process is alive; /readyz: orders is ready to answer.
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { HttpError, readJson, sendJson } from "./http.js";
import { parseLocation } from "./lake.js";
import { ordersClient } from "./orders-client.js";
import { dailySales } from "./reports.js";
import { date, id, orderInput } from "./validate.js";

function config(env) {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT is ${JSON.stringify(env.PORT)}; expected a port number 1-65535`);
  const orders = env.SERVICE_ORDERS_URL;
  if (!orders || !/^https?:\/\/[^/]+\/?$/.test(orders)) throw new Error(`SERVICE_ORDERS_URL is ${JSON.stringify(orders ?? null)}; expected http://<host>:<port> of the orders service`);
  const lake = parseLocation("LAKE_CURATED_URL", env.LAKE_CURATED_URL, env);
  return { port, orders, lake };
}

let settings;
try {
  settings = config(process.env);
} catch (error) {
  console.error(`api: ${error.message}`);
  process.exit(2);
}
const orders = ordersClient(settings.orders);
// One in-memory DuckDB for reports. It never downloads or loads an extension (parquet is built in), and spills, if
// ever, to /tmp: the root filesystem is read-only in the pod.
const duck = await DuckDBInstance.create(":memory:", { autoinstall_known_extensions: "false", autoload_known_extensions: "false", temp_directory: path.join(tmpdir(), "duckdb") });

const routes = [
  ["GET", /^\/healthz$/, async () => [200, { status: "ok" }]],
  ["GET", /^\/readyz$/, async () => ((await orders.ready()) ? [200, { status: "ready" }] : [503, { status: "orders is not ready" }])],
  ["GET", /^\/v1\/orders\/([^/]+)$/, async (_request, _url, [raw]) => orders.getOrder(id(raw, "order id"))],
  ["GET", /^\/v1\/orders$/, async (_request, url) => {
    const query = {};
    const customer = url.searchParams.get("customerId");
    if (customer !== null) query.customerId = id(customer, "customerId");
    const limit = url.searchParams.get("limit");
    if (limit !== null) {
      if (!/^([1-9]|[1-9][0-9]|100)$/.test(limit)) throw new HttpError(400, `limit is ${JSON.stringify(limit)}; expected an integer from 1 to 100`);
      query.limit = limit;
    }
    return orders.listOrders(query);
  }],
  ["POST", /^\/v1\/orders$/, async (request) => orders.placeOrder(orderInput(await readJson(request)))],
  ["GET", /^\/v1\/reports\/daily-sales$/, async (_request, url) => {
    const day = date(url.searchParams.get("date"), "date");
    const report = await dailySales(duck, settings.lake, day);
    return report ? [200, report] : [404, { error: `no curated sales for ${day}: the ETL has not written that day` }];
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
    console.error(`api: ${request.method} ${url.pathname}: ${error.stack ?? error}`);
    sendJson(response, 500, { error: "internal error" });
  }
});

server.listen(settings.port, () => console.log(`api listening on ${settings.port} (orders at ${settings.orders}, curated zone ${settings.lake.url})`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
