// The recommender's model server. One process, one port (PORT, 8080), two contracts:
//   SageMaker's: GET /ping (healthy), POST /invocations (JSON in, JSON out);
//   the cluster's: GET /healthz (probes), POST /predict (clients), the same model answering.
// The model is model.json beside this file, built into the image by train.js and checked at start: a missing or
// corrupt model stops the process before it listens. MODEL_ARTIFACTS_URL (where the model's versioned artifacts
// live) is reported by /healthz so an operator sees which artifacts a running model belongs to.
import { createServer } from "node:http";
import path from "node:path";
import { loadModel, ModelError, recommend } from "./model.js";

// SageMaker runs the image with the single argument `serve`; nothing else is expected.
const args = process.argv.slice(2);
if (args.length > 1 || (args.length === 1 && args[0] !== "serve")) {
  console.error(`model-server: arguments are ${JSON.stringify(args)}; expected none, or serve (as SageMaker passes it)`);
  process.exit(2);
}
const port = Number(process.env.PORT ?? 8080);
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`model-server: PORT is ${JSON.stringify(process.env.PORT)}; expected a port number 1-65535`);
  process.exit(2);
}
let model;
try {
  model = loadModel(path.join(import.meta.dirname, "model.json"));
} catch (error) {
  if (!(error instanceof ModelError)) throw error;
  console.error(`model-server: ${error.message}`);
  process.exit(1);
}
const artifactsUrl = process.env.MODEL_ARTIFACTS_URL ?? null;
const MAX_BODY = 64 * 1024;

class BadRequest extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

function sendJson(response, status, body) {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

async function readJson(request) {
  const type = request.headers["content-type"];
  if (type && !/^application\/json\b/i.test(type)) throw new BadRequest(415, `content-type is ${type}; expected application/json`);
  const chunks = [];
  let size = 0;
  for await (const chunk of request) {
    if ((size += chunk.length) > MAX_BODY) throw new BadRequest(413, `the body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    throw new BadRequest(400, "the body is not JSON");
  }
}

/** `{ items: [SKU, ...] (1 to 50), k?: 1 to 10 (default 5) }` */
function predictionInput(body) {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new BadRequest(400, "the body must be a JSON object { items, k? }");
  const { items, k = 5 } = body;
  if (!Array.isArray(items) || items.length < 1 || items.length > 50 || !items.every((i) => typeof i === "string" && i.length > 0 && i.length <= 40)) {
    throw new BadRequest(400, `items is ${JSON.stringify(items)}; expected 1 to 50 SKUs (strings)`);
  }
  if (!Number.isInteger(k) || k < 1 || k > 10) throw new BadRequest(400, `k is ${JSON.stringify(k)}; expected an integer from 1 to 10`);
  return { items, k };
}

const health = () => ({ status: "ok", model: { version: model.version, format: model.format, trainedOn: model.trainedOn }, artifactsUrl });

const routes = {
  "GET /ping": async () => [200, { status: "ok" }],
  "GET /healthz": async () => [200, health()],
  // Ready as soon as it listens: the server refuses to start without a valid model, so a listening one can serve.
  "GET /readyz": async () => [200, { status: "ready", modelVersion: model.version }],
  "POST /invocations": predict,
  "POST /predict": predict,
};

async function predict(request) {
  const { items, k } = predictionInput(await readJson(request));
  return [200, { recommendations: recommend(model, items, k), modelVersion: model.version }];
}

const server = createServer(async (request, response) => {
  const { pathname } = new URL(request.url ?? "/", "http://localhost");
  const route = routes[`${request.method} ${pathname}`];
  try {
    if (!route) return sendJson(response, 404, { error: "not found" });
    const [status, body] = await route(request);
    sendJson(response, status, body);
  } catch (error) {
    if (error instanceof BadRequest) return sendJson(response, error.status, { error: error.message });
    console.error(`model-server: ${request.method} ${pathname}: ${error.stack ?? error}`);
    sendJson(response, 500, { error: "internal error" });
  }
});

server.listen(port, () => console.log(`model-server listening on ${port}, model ${model.version}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
