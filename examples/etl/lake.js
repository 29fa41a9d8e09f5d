// The lake zones as the platform hands them to a pipeline: PIPELINE_SOURCE_URL and PIPELINE_TARGET_URL, each
// `s3://<bucket>[/prefix]` on AWS, or `file:///<dir>` for local runs and tests. DuckDB reads and writes local files
// only (its httpfs extension cannot be downloaded in the image), so S3 inputs are downloaded to a temp dir first and
// outputs uploaded after the whole run succeeded.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, createWriteStream, readFileSync } from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";

/** A bad location: the job reports it and exits 2 before reading or writing anything. */
export class LocationError extends Error {}

export function parseLocation(name, value) {
  if (!value) throw new LocationError(`${name} is not set; expected s3://<bucket>[/prefix] or file:///<dir>`);
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new LocationError(`${name} is ${JSON.stringify(value)}; expected s3://<bucket>[/prefix] or file:///<dir>`);
  }
  if (url.protocol === "file:") return { kind: "file", url: value, dir: fileURLToPath(url) };
  if (url.protocol === "s3:" && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(url.hostname)) {
    return { kind: "s3", url: value, bucket: url.hostname, prefix: url.pathname.replace(/^\/+|\/+$/g, "") };
  }
  throw new LocationError(`${name} is ${JSON.stringify(value)}; expected s3://<bucket>[/prefix] or file:///<dir>`);
}

let client;
async function s3() {
  if (!client) {
    const region = process.env.AWS_REGION;
    if (!region) throw new LocationError("AWS_REGION is not set; expected the region of the lake's buckets");
    const { S3Client } = await import("@aws-sdk/client-s3");
    client = new S3Client({ region });
  }
  return client;
}

const key = (location, relative) => (location.prefix ? `${location.prefix}/${relative}` : relative);

/** Local paths of the named input files: read in place from a directory, downloaded into `staging` from S3. */
export async function stageInputs(location, names, staging) {
  const local = {};
  for (const name of names) {
    if (location.kind === "file") {
      local[name] = path.join(location.dir, name);
      if (!existsSync(local[name])) throw new LocationError(`${location.url}: ${name} is missing from the source zone`);
      continue;
    }
    const { GetObjectCommand, NoSuchKey } = await import("@aws-sdk/client-s3");
    local[name] = path.join(staging, name);
    try {
      const object = await (await s3()).send(new GetObjectCommand({ Bucket: location.bucket, Key: key(location, name) }));
      await pipeline(object.Body, createWriteStream(local[name]));
    } catch (error) {
      if (error instanceof NoSuchKey) throw new LocationError(`${location.url}: ${name} is missing from the source zone`);
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
    } else {
      const { PutObjectCommand } = await import("@aws-sdk/client-s3");
      await (await s3()).send(new PutObjectCommand({ Bucket: location.bucket, Key: key(location, relative), Body: readFileSync(path.join(dir, relative)) }));
    }
  }
  return files;
}
