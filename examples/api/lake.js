// The curated lake zone this service may read (LAKE_CURATED_URL: `s3://<bucket>[/prefix]` on AWS, `file:///<dir>`
// for local runs and tests). DuckDB reads local files only (its httpfs extension cannot be downloaded in the
// image), so the objects a query needs are downloaded to a temp dir for the query and removed after it.
import { createWriteStream, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";

export function parseLocation(name, value) {
  const expected = "expected s3://<bucket>[/prefix] or file:///<dir>";
  if (!value) throw new Error(`${name} is not set; ${expected}`);
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} is ${JSON.stringify(value)}; ${expected}`);
  }
  if (url.protocol === "file:") return { kind: "file", url: value, dir: fileURLToPath(url) };
  if (url.protocol === "s3:" && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(url.hostname)) {
    return { kind: "s3", url: value, bucket: url.hostname, prefix: url.pathname.replace(/^\/+|\/+$/g, "") };
  }
  throw new Error(`${name} is ${JSON.stringify(value)}; ${expected}`);
}

let client;
async function s3() {
  const { S3Client } = await import("@aws-sdk/client-s3");
  client ??= new S3Client({ region: process.env.AWS_REGION });
  return client;
}

/**
 * Calls `fn(dir)` with a local directory holding (at least) every object under `prefixes` of the zone, laid out
 * by key: the zone's own directory for file://, a temp copy of just those objects for s3://.
 */
export async function withLocalCopy(location, prefixes, fn) {
  if (location.kind === "file") return fn(location.dir);
  const { GetObjectCommand, ListObjectsV2Command } = await import("@aws-sdk/client-s3");
  const dir = mkdtempSync(path.join(tmpdir(), "lake-"));
  try {
    for (const prefix of prefixes) {
      const full = location.prefix ? `${location.prefix}/${prefix}` : prefix;
      let token;
      do {
        const page = await (await s3()).send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: full, ContinuationToken: token }));
        for (const { Key } of page.Contents ?? []) {
          const relative = location.prefix ? Key.slice(location.prefix.length + 1) : Key;
          // Keys are the ETL's own file names; anything that would leave the temp dir is not downloaded.
          const local = path.join(dir, relative);
          if (!local.startsWith(dir + path.sep)) continue;
          mkdirSync(path.dirname(local), { recursive: true });
          const object = await (await s3()).send(new GetObjectCommand({ Bucket: location.bucket, Key }));
          await pipeline(object.Body, createWriteStream(local));
        }
        token = page.NextContinuationToken;
      } while (token);
    }
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
