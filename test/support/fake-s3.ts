import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { requestBody } from "./request-body.ts";

/**
 * A local stand-in for S3, enough for the apps' own calls (GetObject, PutObject, ListObjectsV2), so their
 * `s3://` code runs unchanged: the AWS SDK sends requests to `AWS_ENDPOINT_URL_S3` when it is set and, for an IP
 * address endpoint, addresses buckets by path. Objects live in memory, keyed `bucket/key`. It does not check
 * signatures, but records that each request was SigV4-signed.
 */
export interface FakeS3 {
  /** `http://127.0.0.1:<port>`, for `AWS_ENDPOINT_URL_S3`. */
  readonly endpoint: string;
  readonly objects: Map<string, Buffer>;
  /** `METHOD /bucket/key?query` of every request, in order, and whether it carried a SigV4 Authorization. */
  readonly requests: { line: string; signed: boolean }[];
  /** The environment an app needs to use it: endpoint, region and static fake credentials. */
  env(region?: string): Record<string, string>;
  close(): Promise<void>;
}

const xml = (text: string) => text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

function error(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { "content-type": "application/xml" });
  response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${xml(message)}</Message></Error>`);
}

export async function startFakeS3(): Promise<FakeS3> {
  const objects = new Map<string, Buffer>();
  const requests: { line: string; signed: boolean }[] = [];
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://localhost");
    requests.push({ line: `${request.method} ${url.pathname}${url.search}`, signed: /^AWS4-HMAC-SHA256 /.test(request.headers.authorization ?? "") });
    const [, bucket = "", ...rest] = url.pathname.split("/");
    const key = decodeURIComponent(rest.join("/"));
    if (request.method === "GET" && key === "" && url.searchParams.get("list-type") === "2") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const keys = [...objects.keys()].filter((k) => k.startsWith(`${bucket}/${prefix}`)).map((k) => k.slice(bucket.length + 1)).sort();
      const contents = keys.map((k) => `<Contents><Key>${xml(k)}</Key><Size>${objects.get(`${bucket}/${k}`)!.length}</Size></Contents>`).join("");
      response.writeHead(200, { "content-type": "application/xml" });
      return response.end(
        `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>${xml(bucket)}</Name><Prefix>${xml(prefix)}</Prefix>` +
          `<KeyCount>${keys.length}</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>${contents}</ListBucketResult>`,
      );
    }
    if (request.method === "GET" && key) {
      const object = objects.get(`${bucket}/${key}`);
      if (!object) return error(response, 404, "NoSuchKey", `The specified key does not exist: ${key}`);
      response.writeHead(200, { "content-type": "application/octet-stream", "content-length": object.length });
      return response.end(object);
    }
    if (request.method === "PUT" && key) {
      objects.set(`${bucket}/${key}`, await requestBody(request));
      response.writeHead(200, { etag: '"fake"' });
      return response.end();
    }
    error(response, 400, "NotImplemented", `${request.method} ${url.pathname}${url.search} is not part of the fake`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    endpoint,
    objects,
    requests,
    env: (region = "us-east-1") => ({
      AWS_ENDPOINT_URL_S3: endpoint,
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: "OFFLINETESTACCESSKEY",
      AWS_SECRET_ACCESS_KEY: "offline-test-secret-access-key",
      AWS_EC2_METADATA_DISABLED: "true",
    }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
