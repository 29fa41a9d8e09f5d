// Azure Blob Storage through its REST API with an Entra token of the pod's managed identity (azure-entra.js):
// list, get and put of block blobs, all this repository's apps need. The endpoint is the container's own URL, as
// the platform hands it (`https://<account>.blob.core.windows.net/<container>`); there is no override variable:
// the offline tests resolve the account's host to their stand-in and trust its certificate (NODE_EXTRA_CA_CERTS).
import { entraTokenSource } from "./azure-entra.js";

export const STORAGE_SCOPE = "https://storage.azure.com/.default";
// A version that takes OAuth bearer tokens (2017-11-09 or later).
const VERSION = "2024-11-04";

const encodePath = (name) => name.split("/").map(encodeURIComponent).join("/");
const xmlText = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** `{ list(containerUrl, prefix), get(containerUrl, name), put(containerUrl, name, body) }` for the pod's identity. */
export function blobClient(env) {
  const token = entraTokenSource(env, STORAGE_SCOPE);
  const request = async (what, url, init = {}) => {
    const response = await fetch(url, {
      ...init,
      headers: { ...init.headers, authorization: `Bearer ${await token()}`, "x-ms-version": VERSION },
      signal: AbortSignal.timeout(60_000),
    });
    if (response.ok || (response.status === 404 && what.startsWith("get"))) return response;
    throw new Error(`Blob Storage: ${what} answered ${response.status} ${response.headers.get("x-ms-error-code") ?? ""}`.trim());
  };
  return {
    async list(containerUrl, prefix) {
      const names = [];
      let marker = "";
      do {
        const query = new URLSearchParams({ restype: "container", comp: "list", prefix, ...(marker ? { marker } : {}) });
        const xml = await (await request(`list ${containerUrl}/${prefix}`, `${containerUrl}?${query}`)).text();
        for (const m of xml.matchAll(/<Blob>[\s\S]*?<Name>([\s\S]*?)<\/Name>[\s\S]*?<\/Blob>/g)) names.push(xmlText(m[1]));
        marker = xmlText(/<NextMarker>([\s\S]*?)<\/NextMarker>/.exec(xml)?.[1] ?? "");
      } while (marker);
      return names;
    },
    async get(containerUrl, name) {
      const response = await request(`get ${containerUrl}/${name}`, `${containerUrl}/${encodePath(name)}`);
      return response.status === 404 ? undefined : Buffer.from(await response.arrayBuffer());
    },
    async put(containerUrl, name, body) {
      await request(`put ${containerUrl}/${name}`, `${containerUrl}/${encodePath(name)}`, {
        method: "PUT",
        headers: { "x-ms-blob-type": "BlockBlob", "content-type": "application/octet-stream" },
        body,
      });
    },
  };
}
