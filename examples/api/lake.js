// The curated lake zone this service may read (LAKE_CURATED_URL: `s3://<bucket>[/prefix]` on AWS, `gs://…` on GCP,
// `https://<account>.blob.core.windows.net/<container>[/prefix]` on Azure, `file:///<dir>` for local runs and
// tests; the forms are ../cloud/lake-location.js's). DuckDB reads local files only (its httpfs extension cannot be
// downloaded in the image), so the objects a query needs are downloaded to a temp dir for the query and removed after it.
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { ConfigError } from "../cloud/config-error.js";
import { keyOf, parseLakeLocation } from "../cloud/lake-location.js";
import { objectStore } from "../cloud/object-store.js";

/** The location, with its store's configuration checked (a ConfigError names the variable that is wrong). */
export function parseLocation(name, value, env = process.env) {
  const location = parseLakeLocation(name, value);
  if (location.kind === "s3" && !env.AWS_REGION) throw new ConfigError(`AWS_REGION is not set; expected the region of the lake's buckets (${name} is s3://)`);
  if (location.kind === "gs" || location.kind === "blob") location.store = objectStore(location, env);
  return location;
}

let client;
async function s3() {
  const { S3Client } = await import("@aws-sdk/client-s3");
  client ??= new S3Client({ region: process.env.AWS_REGION });
  return client;
}

/** Every key under `full` and a function writing one of them to a local file. */
async function* objectsUnder(location, full) {
  if (location.store) {
    for (const key of await location.store.list(full)) {
      yield { key, save: async (local) => writeFileSync(local, (await location.store.get(key)) ?? Buffer.alloc(0)) };
    }
    return;
  }
  const { GetObjectCommand, ListObjectsV2Command } = await import("@aws-sdk/client-s3");
  let token;
  do {
    const page = await (await s3()).send(new ListObjectsV2Command({ Bucket: location.bucket, Prefix: full, ContinuationToken: token }));
    for (const { Key } of page.Contents ?? []) {
      yield { key: Key, save: async (local) => pipeline((await (await s3()).send(new GetObjectCommand({ Bucket: location.bucket, Key }))).Body, createWriteStream(local)) };
    }
    token = page.NextContinuationToken;
  } while (token);
}

/**
 * Calls `fn(dir)` with a local directory holding (at least) every object under `prefixes` of the zone, laid out
 * by key: the zone's own directory for file://, a temp copy of just those objects otherwise.
 */
export async function withLocalCopy(location, prefixes, fn) {
  if (location.kind === "file") return fn(location.dir);
  const dir = mkdtempSync(path.join(tmpdir(), "lake-"));
  try {
    for (const prefix of prefixes) {
      for await (const { key, save } of objectsUnder(location, keyOf(location, prefix))) {
        const relative = location.prefix ? key.slice(location.prefix.length + 1) : key;
        // Keys are the ETL's own file names; anything that would leave the temp dir is not downloaded.
        const local = path.join(dir, relative);
        if (!local.startsWith(dir + path.sep)) continue;
        mkdirSync(path.dirname(local), { recursive: true });
        await save(local);
      }
    }
    return await fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
