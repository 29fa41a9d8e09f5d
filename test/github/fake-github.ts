import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { deref, fill, findOperation, validate, type Operation, type Schema } from "./openapi.ts";
import { newState, routes, type FakeState, type Reply } from "./fake-github-routes.ts";

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly query: Record<string, string>;
  readonly body: unknown;
  readonly status: number;
}

/** A scripted failure: the next `times` requests matching method and operation answer with this instead. */
export interface Fault {
  readonly operationId: string;
  readonly status: number;
  readonly message: string;
  readonly headers?: Record<string, string>;
  times?: number;
}

/**
 * A scripted misbehaviour, outside GitHub's description on purpose (not recorded as a violation): the next `times`
 * requests for the operation answer 200 with an HTML page, malformed JSON, JSON of the wrong shape, 33 MiB of
 * JSON (`huge`), or never answer (`hang`), or send the headers and part of the body and then stop (`stall`).
 */
export interface Misbehaviour {
  readonly operationId: string;
  readonly kind: "html" | "malformed" | "wrong-shape" | "hang" | "stall" | "huge";
  /** For `wrong-shape`: the JSON to send. */
  readonly body?: unknown;
  times?: number;
}

export interface FakeGithub {
  /** Base URL to put in GITHUB_API_URL. */
  readonly url: string;
  readonly state: FakeState;
  readonly requests: RecordedRequest[];
  /** Every way a request or answer departed from GitHub's OpenAPI description; a test asserts it stays empty. */
  readonly violations: string[];
  fault(fault: Fault): void;
  misbehave(misbehaviour: Misbehaviour): void;
  close(): Promise<void>;
}

export const fakeOwner = "acme";
export const fakeRepo = "platform";
export const fakeToken = "ghs_test_token";

/**
 * A GitHub API on 127.0.0.1 for one repository (`acme/platform`), state in memory. Every request is matched
 * against the OpenAPI description (method, path, path and query parameters, JSON body) and every answer body is
 * validated before it is sent: successes against the operation's response schema, errors against basic-error
 * (GitHub's description omits most error statuses, e.g. 401 and 502, so they are not required to be listed). Other repositories answer 404, other
 * tokens 401, as GitHub does.
 */
export async function startFakeGithub(): Promise<FakeGithub> {
  const state = newState();
  const requests: RecordedRequest[] = [];
  const violations: string[] = [];
  const faults: Fault[] = [];
  const misbehaviours: Misbehaviour[] = [];
  let baseUrl = "";

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const method = req.method ?? "GET";
    const text = await readBody(req);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
      res.end(body === undefined ? "" : JSON.stringify(body));
    };
    const found = findOperation(method, url.pathname);
    if (!found) {
      violations.push(`${method} ${url.pathname}: no such operation in GitHub's description`);
      return send(404, { message: "Not Found (not in the OpenAPI description)" });
    }
    const { op, params } = found;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      violations.push(`${op.operationId}: request body is not JSON`);
    }
    const query = Object.fromEntries(url.searchParams);
    violations.push(...checkRequest(op, params, query, body));
    const record = (status: number) => requests.push({ method, path: url.pathname, operationId: op.operationId, query, body, status });

    // Error answers (scripted faults, 401, 404) take GitHub's basic-error shape, checked like any other answer.
    const error = (status: number, message: string, headers: Record<string, string> = {}) => {
      const answer = { message, documentation_url: "https://docs.github.com/rest" };
      violations.push(...validate({ $ref: "#/components/schemas/basic-error" }, answer, `${op.operationId} ${status} error`));
      record(status);
      send(status, answer, headers);
    };
    if (req.headers.authorization !== `token ${fakeToken}`) return error(401, "Bad credentials");
    if ("owner" in params && (params.owner !== fakeOwner || params.repo !== fakeRepo)) return error(404, "Not Found");
    const odd = misbehaviours.find((m) => m.operationId === op.operationId && (m.times ?? 1) > 0);
    if (odd) {
      odd.times = (odd.times ?? 1) - 1;
      record(200);
      if (odd.kind === "hang") return; // never answers; close() ends the connection
      if (odd.kind === "html") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        return res.end("<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>");
      }
      res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
      if (odd.kind === "malformed") return res.end('{"id": 1, "html_url": ');
      if (odd.kind === "stall") return void res.write('[{"id": 1,');
      if (odd.kind === "huge") return res.end(`[${" ".repeat(33 * 1024 * 1024)}]`);
      return res.end(JSON.stringify(odd.body));
    }
    const fault = faults.find((f) => f.operationId === op.operationId && (f.times ?? 1) > 0);
    if (fault) {
      fault.times = (fault.times ?? 1) - 1;
      return error(fault.status, fault.message, fault.headers);
    }
    const handler = routes[op.operationId];
    if (!handler) {
      violations.push(`${op.operationId}: the fake has no handler (add one to fake-github-routes.ts)`);
      return error(501, "Not implemented by the fake");
    }
    const reply: Reply = handler({ state, params, query, body: body as Record<string, unknown>, baseUrl });
    if (reply.status >= 400) return error(reply.status, String((reply.body as { message?: string })?.message ?? "error"));
    const answer = reply.body === undefined ? undefined : withSample(op, reply.status, reply.body);
    violations.push(...checkResponse(op, reply.status, answer));
    record(reply.status);
    send(reply.status, answer, reply.headers);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    state,
    requests,
    violations,
    fault: (f) => faults.push({ ...f }),
    misbehave: (m) => misbehaviours.push({ ...m }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function checkRequest(op: Operation, pathParams: Record<string, string>, query: Record<string, string>, body: unknown): string[] {
  const where = `${op.method} ${op.template} (${op.operationId})`;
  const problems: string[] = [];
  const declared = ((op.spec.parameters ?? []) as Schema[]).map(deref);
  for (const p of declared) {
    const value = p.in === "path" ? pathParams[p.name as string] : p.in === "query" ? query[p.name as string] : undefined;
    if (p.required === true && value === undefined) problems.push(`${where}: missing required ${p.in} parameter ${p.name}`);
    if (value !== undefined && (p.in === "path" || p.in === "query")) {
      const schema = (p.schema ?? {}) as Schema;
      const type = deref(schema).type;
      const typed = type === "integer" || type === "number" ? Number(value) : type === "boolean" ? value === "true" ? true : value === "false" ? false : value : value;
      problems.push(...validate(schema, typed, `${where} ${p.in} ${p.name}`));
    }
  }
  for (const name of Object.keys(query)) {
    if (!declared.some((p) => p.in === "query" && p.name === name)) problems.push(`${where}: undeclared query parameter ${name}`);
  }
  const requestBody = op.spec.requestBody ? deref(op.spec.requestBody as Schema) : undefined;
  const bodySchema = (requestBody?.content as Record<string, { schema?: Schema }> | undefined)?.["application/json"]?.schema;
  if (body === undefined) {
    if (requestBody?.required === true) problems.push(`${where}: request body required`);
  } else if (!bodySchema) {
    problems.push(`${where}: sent a body the operation does not take`);
  } else {
    problems.push(...validate(bodySchema, body, `${where} body`));
  }
  return problems;
}

function responseSchema(op: Operation, status: number): Schema | undefined | null {
  const response = (op.spec.responses as Record<string, Schema>)[String(status)];
  if (!response) return null;
  return (deref(response).content as Record<string, { schema?: Schema }> | undefined)?.["application/json"]?.schema;
}

/** The handler's fields completed to a valid instance of the response schema. */
function withSample(op: Operation, status: number, body: unknown): unknown {
  const schema = responseSchema(op, status);
  return schema ? fill(schema, body) : body;
}

function checkResponse(op: Operation, status: number, body: unknown): string[] {
  const schema = responseSchema(op, status);
  if (schema === null) return [`${op.operationId}: answered ${status}, which the description does not list`];
  if (!schema) return body === undefined ? [] : [`${op.operationId}: answered ${status} with a body the description does not define`];
  return validate(schema, body, `${op.operationId} ${status} response`);
}
