// The pod's Google service account token, from the GKE metadata server (Workload Identity): what Cloud SQL IAM
// database authentication takes as the password and what the Cloud Storage JSON API takes as a bearer token.
// GET http://<host>/computeMetadata/v1/instance/service-accounts/default/token with `Metadata-Flavor: Google`.
// The host is metadata.google.internal, or GCE_METADATA_HOST (host[:port], no scheme), the variable Google's own
// client libraries honour.
import { ConfigError } from "./config-error.js";
import { oauthToken, tokenCache } from "./token-cache.js";

const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;

export function metadataHost(env) {
  const host = env.GCE_METADATA_HOST;
  if (host === undefined || host === "") return "metadata.google.internal";
  if (!HOST.test(host)) throw new ConfigError(`GCE_METADATA_HOST is ${JSON.stringify(host)}; expected the metadata server's host[:port] without a scheme or path (unset: metadata.google.internal)`);
  return host;
}

/** A function resolving to a current access token of the pod's service account, cached until shortly before it expires. */
export function metadataTokenSource(env) {
  const host = metadataHost(env);
  const who = `the metadata server at ${host}`;
  return tokenCache(async () => {
    const response = await fetch(`http://${host}/computeMetadata/v1/instance/service-accounts/default/token`, {
      headers: { "Metadata-Flavor": "Google" },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`${who} answered ${response.status} to the service account token request: ${(await response.text()).slice(0, 200)}`);
    // Anything else on that address (a proxy, a captive portal) is not the metadata server.
    if (response.headers.get("metadata-flavor") !== "Google") throw new Error(`${who} answered without Metadata-Flavor: Google; it is not a metadata server`);
    return oauthToken(await response.json(), who);
  });
}
