import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AccessTokens } from "./access-tokens.ts";
import { requestBody } from "./request-body.ts";
import { testCertificate } from "./test-certificate.ts";

/**
 * A local stand-in for Azure Blob Storage's REST API, the calls the apps make: List Blobs
 * (`GET /<container>?restype=container&comp=list&prefix=`), Get Blob and Put Blob (BlockBlob), for any
 * `<account>.blob.core.windows.net` (the account is the request's Host). Like the real service it refuses a
 * request without `x-ms-version` (400), without a bearer token the Entra stand-in issued for
 * https://storage.azure.com (401), from a principal `allowed` does not let do that (403), and a container that was
 * not created (404). Blobs live in memory, keyed by their URL. HTTPS with the test certificate, loopback only:
 * apps reach it through the host mapping of the offline run (test/e2e/local-network.mjs).
 */
export const STORAGE_RESOURCE = "https://storage.azure.com";
export type BlobAccess = "read" | "write";

export interface FakeBlob {
  readonly port: number;
  /** `https://<account>.blob.core.windows.net/<container>/<name>` → bytes. */
  readonly blobs: Map<string, Buffer>;
  readonly requests: { line: string; principal?: string; refused?: string }[];
  close(): Promise<void>;
}

export interface FakeBlobOptions {
  readonly tokens: AccessTokens;
  /** The containers that exist: `https://<account>.blob.core.windows.net/<container>`. */
  readonly containers: readonly string[];
  readonly allowed?: (principal: string, containerUrl: string, access: BlobAccess) => boolean;
  readonly host?: string;
  readonly port?: number;
}

const xml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function fail(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { "content-type": "application/xml", "x-ms-error-code": code });
  response.end(`<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${xml(message)}</Message></Error>`);
}

export async function startFakeBlob(options: FakeBlobOptions): Promise<FakeBlob> {
  const blobs = new Map<string, Buffer>();
  const requests: FakeBlob["requests"] = [];
  const containers = new Set(options.containers);
  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    const host = (request.headers.host ?? "").replace(/:\d+$/, "");
    const url = new URL(request.url ?? "/", `https://${host}`);
    const entry: FakeBlob["requests"][number] = { line: `${request.method} ${host}${url.pathname}${url.search}` };
    requests.push(entry);
    if (!/^[a-z0-9]{3,24}\.blob\.core\.windows\.net$/.test(host)) return fail(response, 400, "InvalidUri", `${host} is not a blob endpoint`);
    if (!request.headers["x-ms-version"]) return fail(response, 400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request is not specified: x-ms-version.");
    const who = options.tokens.bearer(request.headers.authorization, STORAGE_RESOURCE);
    if ("refused" in who) {
      entry.refused = who.refused;
      return fail(response, 401, "InvalidAuthenticationInfo", `Server failed to authenticate the request (${who.refused}).`);
    }
    entry.principal = who.principal;
    const [, container = "", ...rest] = url.pathname.split("/");
    const containerUrl = `https://${host}/${container}`;
    const name = rest.map(decodeURIComponent).join("/");
    if (!containers.has(containerUrl)) return fail(response, 404, "ContainerNotFound", "The specified container does not exist.");
    const access: BlobAccess = request.method === "PUT" ? "write" : "read";
    if (options.allowed && !options.allowed(who.principal, containerUrl, access)) {
      entry.refused = `${who.principal} may not ${access} ${containerUrl}`;
      return fail(response, 403, "AuthorizationPermissionMismatch", "This request is not authorized to perform this operation using this permission.");
    }
    if (request.method === "GET" && name === "" && url.searchParams.get("restype") === "container" && url.searchParams.get("comp") === "list") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const names = [...blobs.keys()].filter((k) => k.startsWith(`${containerUrl}/${prefix}`)).map((k) => k.slice(containerUrl.length + 1)).sort();
      const items = names.map((n) => `<Blob><Name>${xml(n)}</Name><Properties><Content-Length>${blobs.get(`${containerUrl}/${n}`)!.length}</Content-Length><BlobType>BlockBlob</BlobType></Properties></Blob>`).join("");
      response.writeHead(200, { "content-type": "application/xml" });
      return response.end(`<?xml version="1.0" encoding="utf-8"?><EnumerationResults ServiceEndpoint="https://${host}/" ContainerName="${xml(container)}"><Prefix>${xml(prefix)}</Prefix><Blobs>${items}</Blobs><NextMarker /></EnumerationResults>`);
    }
    if (request.method === "GET" && name) {
      const blob = blobs.get(`${containerUrl}/${name}`);
      if (!blob) return fail(response, 404, "BlobNotFound", "The specified blob does not exist.");
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": blob.length, "x-ms-blob-type": "BlockBlob" });
      return response.end(blob);
    }
    if (request.method === "PUT" && name) {
      if (request.headers["x-ms-blob-type"] !== "BlockBlob") return fail(response, 400, "MissingRequiredHeader", "An HTTP header that's mandatory for this request is not specified: x-ms-blob-type.");
      blobs.set(`${containerUrl}/${name}`, await requestBody(request));
      response.writeHead(201, { etag: '"0x1"' });
      return response.end();
    }
    fail(response, 400, "UnsupportedHttpVerb", `${request.method} ${url.pathname}${url.search} is not part of the stand-in`);
  };
  const { cert, key } = testCertificate();
  const server: Server = createServer({ cert, key }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  return { port: (server.address() as AddressInfo).port, blobs, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
