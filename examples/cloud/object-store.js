// One interface over the gs:// and Azure blob lake locations (lake-location.js), so an app's lake code is written
// once for both: `list(prefix)` (full keys), `get(key)` (bytes or undefined), `put(key, body)`. s3:// stays in
// each app, with the AWS SDK its own package.json installs (this folder has no npm dependencies: it is copied
// into each image beside the app).
import { blobClient } from "./azure-blob.js";
import { gcsClient } from "./gcs.js";

const clients = new Map();
const client = (kind, env) => {
  if (!clients.has(kind)) clients.set(kind, kind === "gs" ? gcsClient(env) : blobClient(env));
  return clients.get(kind);
};

/** The store of a gs or blob location; its configuration (credentials' variables) is checked here, at once. */
export function objectStore(location, env = process.env) {
  if (location.kind !== "gs" && location.kind !== "blob") throw new Error(`objectStore: ${location.kind} locations are not served here`);
  const c = client(location.kind, env);
  const where = location.kind === "gs" ? location.bucket : location.containerUrl;
  return {
    list: (prefix) => c.list(where, prefix),
    get: (key) => c.get(where, key),
    put: (key, body) => c.put(where, key, body),
  };
}
