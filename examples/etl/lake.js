// The lake zones as the platform hands them to a pipeline: PIPELINE_SOURCE_URL and PIPELINE_TARGET_URL, each
// `s3://<bucket>[/prefix]` on AWS, `gs://<bucket>[/prefix]` on GCP, `https://<account>.blob.core.windows.net/<container>[/prefix]`
// on Azure, or `file:///<dir>` for local runs and tests (../cloud/lake-location.js). DuckDB reads and writes local
// files only (its httpfs extension cannot be downloaded in the image), so inputs are downloaded to a temp dir
// first and outputs uploaded after the whole run succeeded.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, createWriteStream, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { ConfigError } from "../cloud/config-error.js";
import { keyOf as key, parseLakeLocation } from "../cloud/lake-location.js";
import { objectStore } from "../cloud/object-store.js";

/** A bad location (or its credentials' variables): the job reports it and exits 2 before reading or writing anything. */
export { ConfigError as LocationError };

/** The location, with its store's configuration checked. */
export function parseLocation(name, value, env = process.env) {
  const location = parseLakeLocation(name, value);
  if (location.kind === "gs" || location.kind === "blob") location.store = objectStore(location, env);
  return location;
}

let client;
async function s3() {
  if (!client) {
    const region = process.env.AWS_REGION;
    if (!region) throw new ConfigError("AWS_REGION is not set; expected the region of the lake's buckets");
    const { S3Client } = await import("@aws-sdk/client-s3");
    client = new S3Client({ region });
  }
  return client;
}

const missing = (location, name) => new ConfigError(`${location.url}: ${name} is missing from the source zone`);

/** Local paths of the named input files: read in place from a directory, downloaded into `staging` otherwise. */
export async function stageInputs(location, names, staging) {
  const local = {};
  for (const name of names) {
    if (location.kind === "file") {
      local[name] = path.join(location.dir, name);
      if (!existsSync(local[name])) throw missing(location, name);
      continue;
    }
    local[name] = path.join(staging, name);
    if (location.store) {
      const body = await location.store.get(key(location, name));
      if (body === undefined) throw missing(location, name);
      writeFileSync(local[name], body);
      continue;
    }
    const { GetObjectCommand, NoSuchKey } = await import("@aws-sdk/client-s3");
    try {
      const object = await (await s3()).send(new GetObjectCommand({ Bucket: location.bucket, Key: key(location, name) }));
      await pipeline(object.Body, createWriteStream(local[name]));
    } catch (error) {
      if (error instanceof NoSuchKey) throw missing(location, name);
      throw error;
    }
  }
  return local;
}

function filesUnder(dir, prefix = "") {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, path.posix.join(prefix, e.name)) : [path.posix.join(prefix, e.name)],
  );
}

/** Copies every file under `dir` to the same relative path in the target zone, replacing what is there. */
export async function publish(dir, location) {
  const files = filesUnder(dir).sort();
  for (const relative of files) {
    if (location.kind === "file") {
      const target = path.join(location.dir, relative);
      mkdirSync(path.dirname(target), { recursive: true });
      // Each file appears whole or not at all: copy beside it, then rename over it.
      copyFileSync(path.join(dir, relative), `${target}.tmp-${process.pid}`);
      renameSync(`${target}.tmp-${process.pid}`, target);
    } else if (location.store) {
      await location.store.put(key(location, relative), readFileSync(path.join(dir, relative)));
    } else {
      const { PutObjectCommand } = await import("@aws-sdk/client-s3");
      await (await s3()).send(new PutObjectCommand({ Bucket: location.bucket, Key: key(location, relative), Body: readFileSync(path.join(dir, relative)) }));
    }
  }
  return files;
}
