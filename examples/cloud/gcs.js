// Cloud Storage through its JSON API with the pod's service account token (gcp-metadata.js): list, media download
// and media upload, all this repository's apps need. The endpoint is https://storage.googleapis.com, or
// STORAGE_EMULATOR_HOST (`http://host:port` or `host:port`, then https), as Google's own client libraries honour it.
import { ConfigError } from "./config-error.js";
import { metadataTokenSource } from "./gcp-metadata.js";

export function storageEndpoint(env) {
  const value = env.STORAGE_EMULATOR_HOST;
  if (value === undefined || value === "") return "https://storage.googleapis.com";
  let url;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(value) ? value : `https://${value}`);
  } catch {
    url = undefined;
  }
  if (!url || !["http:", "https:"].includes(url.protocol) || url.search || url.hash || url.username || !["", "/"].includes(url.pathname)) {
    throw new ConfigError(`STORAGE_EMULATOR_HOST is ${JSON.stringify(value)}; expected http(s)://<host>[:port] or <host>[:port] of a Cloud Storage endpoint, without a path`);
  }
  return url.origin;
}

/** `{ list(bucket, prefix), get(bucket, name), put(bucket, name, body) }` for the pod's identity. */
export function gcsClient(env) {
  const endpoint = storageEndpoint(env);
  const token = metadataTokenSource(env);
  const request = async (what, url, init = {}) => {
    const response = await fetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${await token()}` }, signal: AbortSignal.timeout(60_000) });
    if (response.ok || (response.status === 404 && what.startsWith("get"))) return response;
    throw new Error(`Cloud Storage (${endpoint}): ${what} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
  };
  const object = (bucket, name) => `${endpoint}/storage/v1/b/${encodeURIComponent(bucket)}/o/${encodeURIComponent(name)}`;
  return {
    /** Every object name under `prefix`, page by page. */
    async list(bucket, prefix) {
      const names = [];
      let pageToken;
      do {
        const query = new URLSearchParams({ prefix, ...(pageToken ? { pageToken } : {}) });
        const page = await (await request(`list gs://${bucket}/${prefix}`, `${endpoint}/storage/v1/b/${encodeURIComponent(bucket)}/o?${query}`)).json();
        names.push(...(page.items ?? []).map((item) => item.name));
        pageToken = page.nextPageToken;
      } while (pageToken);
      return names;
    },
    /** The object's bytes, or undefined when it does not exist. */
    async get(bucket, name) {
      const response = await request(`get gs://${bucket}/${name}`, `${object(bucket, name)}?alt=media`);
      return response.status === 404 ? undefined : Buffer.from(await response.arrayBuffer());
    },
    async put(bucket, name, body) {
      const query = new URLSearchParams({ uploadType: "media", name });
      await request(`upload gs://${bucket}/${name}`, `${endpoint}/upload/storage/v1/b/${encodeURIComponent(bucket)}/o?${query}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body,
      });
    },
  };
}
