import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { AccessTokens } from "./access-tokens.ts";
import { requestBody } from "./request-body.ts";
import { CLOUD_PLATFORM_SCOPE } from "./gke-metadata.ts";
import { testCertificate } from "./test-certificate.ts";

/**
 * A local stand-in for the Cloud Storage JSON API, the calls the apps make: objects.list
 * (`GET /storage/v1/b/<bucket>/o?prefix=`), media download (`GET /storage/v1/b/<bucket>/o/<name>?alt=media`) and
 * media upload (`POST /upload/storage/v1/b/<bucket>/o?uploadType=media&name=`). Like the real API it refuses a
 * request without a bearer token the metadata stand-in issued for the cloud-platform scope (401), a principal
 * `allowed` does not let do that (403), and a bucket that was not created (404). Objects live in memory, keyed
 * `bucket/name`. Loopback only; plain HTTP (for STORAGE_EMULATOR_HOST) or HTTPS with the test certificate.
 */
export type GcsAccess = "read" | "write";

export interface FakeGcs {
  /** `http(s)://127.0.0.1:<port>` */
  readonly endpoint: string;
  readonly port: number;
  readonly objects: Map<string, Buffer>;
  /** `METHOD path?query` and the principal (or why it was refused), in order. */
  readonly requests: { line: string; principal?: string; refused?: string }[];
  close(): Promise<void>;
}

export interface FakeGcsOptions {
  readonly tokens: AccessTokens;
  /** The buckets that exist. */
  readonly buckets: readonly string[];
  /** Whether `principal` may read or write `bucket` (its IAM bindings). @default everyone holding a token may */
  readonly allowed?: (principal: string, bucket: string, access: GcsAccess) => boolean;
  readonly tls?: boolean;
  readonly host?: string;
  readonly port?: number;
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8" });
  response.end(JSON.stringify(body));
}
const failure = (response: ServerResponse, status: number, message: string) => json(response, status, { error: { code: status, message, errors: [{ message, reason: status === 401 ? "required" : status === 403 ? "forbidden" : "notFound" }] } });

export async function startFakeGcs(options: FakeGcsOptions): Promise<FakeGcs> {
  const objects = new Map<string, Buffer>();
  const requests: FakeGcs["requests"] = [];
  const buckets = new Set(options.buckets);
  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "http://storage.googleapis.com");
    const entry: FakeGcs["requests"][number] = { line: `${request.method} ${url.pathname}${url.search}` };
    requests.push(entry);
    const upload = /^\/upload\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    const list = /^\/storage\/v1\/b\/([^/]+)\/o$/.exec(url.pathname);
    const media = /^\/storage\/v1\/b\/([^/]+)\/o\/(.+)$/.exec(url.pathname);
    const bucket = decodeURIComponent((upload ?? list ?? media)?.[1] ?? "");
    const access: GcsAccess = upload ? "write" : "read";
    const who = options.tokens.bearer(request.headers.authorization, CLOUD_PLATFORM_SCOPE);
    if ("refused" in who) {
      entry.refused = who.refused;
      return failure(response, 401, `Anonymous caller does not have storage.objects access (${who.refused}).`);
    }
    entry.principal = who.principal;
    if (!upload && !list && !media) return failure(response, 404, `Not Found: ${url.pathname}`);
    if (!buckets.has(bucket)) return failure(response, 404, "The specified bucket does not exist.");
    if (options.allowed && !options.allowed(who.principal, bucket, access)) {
      entry.refused = `${who.principal} may not ${access} ${bucket}`;
      return failure(response, 403, `${who.principal} does not have storage.objects.${access === "write" ? "create" : "get"} access to the Google Cloud Storage bucket.`);
    }
    if (upload && request.method === "POST") {
      const name = url.searchParams.get("name");
      if (url.searchParams.get("uploadType") !== "media" || !name) return failure(response, 400, "uploadType=media and name are required");
      const data = await requestBody(request);
      objects.set(`${bucket}/${name}`, data);
      return json(response, 200, { kind: "storage#object", bucket, name, size: String(data.length) });
    }
    if (list && request.method === "GET") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const items = [...objects.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).sort().map((k) => ({ kind: "storage#object", bucket, name: k.slice(bucket.length + 1), size: String(objects.get(k)!.length) }));
      return json(response, 200, { kind: "storage#objects", ...(items.length ? { items } : {}) });
    }
    if (media && request.method === "GET") {
      const name = decodeURIComponent(media[2]!);
      const object = objects.get(`${bucket}/${name}`);
      if (!object) return failure(response, 404, `No such object: ${bucket}/${name}`);
      if (url.searchParams.get("alt") !== "media") return json(response, 200, { kind: "storage#object", bucket, name, size: String(object.length) });
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": object.length });
      return response.end(object);
    }
    failure(response, 400, `${request.method} ${url.pathname} is not part of the stand-in`);
  };
  const server = options.tls ? createHttpsServer({ cert: testCertificate().cert, key: testCertificate().key }, handler) : createHttpServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return { endpoint: `${options.tls ? "https" : "http"}://${address}:${port}`, port, objects, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
