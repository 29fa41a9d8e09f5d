// A lake zone's location as the platform hands it to a workload (LAKE_<ZONE>_URL, PIPELINE_SOURCE_URL, ...):
//   s3://<bucket>[/prefix]                                          AWS
//   gs://<bucket>[/prefix]                                          GCP
//   https://<account>.blob.core.windows.net/<container>[/prefix]    Azure (the container's URL is its identity)
//   file:///<dir>                                                   local runs and tests
// Anything else is a ConfigError naming the variable, its value and the forms expected.
import { fileURLToPath } from "node:url";
import { ConfigError } from "./config-error.js";

export const LOCATION_FORMS = "s3://<bucket>[/prefix], gs://<bucket>[/prefix], https://<account>.blob.core.windows.net/<container>[/prefix] or file:///<dir>";

const BUCKET = /^[a-z0-9][a-z0-9._-]{1,61}[a-z0-9]$/;
const ACCOUNT_HOST = /^([a-z0-9]{3,24})\.blob\.core\.windows\.net$/;
const CONTAINER = /^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

const trimSlashes = (s) => s.replace(/^\/+|\/+$/g, "");

export function parseLakeLocation(name, value) {
  if (!value) throw new ConfigError(`${name} is not set; expected ${LOCATION_FORMS}`);
  const bad = () => new ConfigError(`${name} is ${JSON.stringify(value)}; expected ${LOCATION_FORMS}`);
  let url;
  try {
    url = new URL(value);
  } catch {
    throw bad();
  }
  if (url.search || url.hash || url.username || url.password) throw bad();
  if (url.protocol === "file:") return { kind: "file", url: value, dir: fileURLToPath(url) };
  if ((url.protocol === "s3:" || url.protocol === "gs:") && BUCKET.test(url.hostname) && !url.port) {
    // s3's bucket names allow no underscore; gs's do.
    if (url.protocol === "s3:" && url.hostname.includes("_")) throw bad();
    return { kind: url.protocol === "s3:" ? "s3" : "gs", url: value, bucket: url.hostname, prefix: trimSlashes(decodeURIComponent(url.pathname)) };
  }
  const account = ACCOUNT_HOST.exec(url.hostname)?.[1];
  if (url.protocol === "https:" && account && !url.port) {
    const [container, ...rest] = trimSlashes(url.pathname).split("/");
    if (container && CONTAINER.test(container)) {
      return { kind: "blob", url: value, account, container, containerUrl: `https://${url.hostname}/${container}`, prefix: rest.map(decodeURIComponent).join("/") };
    }
  }
  throw bad();
}

/** The full object key of `relative` under the location's prefix. */
export const keyOf = (location, relative) => (location.prefix ? `${location.prefix}/${relative}` : relative);
