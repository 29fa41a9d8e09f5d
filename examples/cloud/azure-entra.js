// An Entra ID access token for the pod's managed identity (AKS Workload Identity): the service account token the
// kubelet projects into AZURE_FEDERATED_TOKEN_FILE is exchanged for a token of AZURE_CLIENT_ID at
// `${AZURE_AUTHORITY_HOST}${AZURE_TENANT_ID}/oauth2/v2.0/token` (client credentials with a client assertion). The
// workload identity webhook injects all four variables into the pod; none is in the plan.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ConfigError, required } from "./config-error.js";
import { oauthToken, tokenCache } from "./token-cache.js";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The webhook's four variables, checked: a bad one is a ConfigError naming it. */
export function workloadIdentity(env) {
  const clientId = required(env, "AZURE_CLIENT_ID", "the managed identity's client id (a GUID), injected by the workload identity webhook");
  if (!GUID.test(clientId)) throw new ConfigError(`AZURE_CLIENT_ID is ${JSON.stringify(clientId)}; expected the managed identity's client id, a GUID`);
  const tenantId = required(env, "AZURE_TENANT_ID", "the Entra tenant id (a GUID), injected by the workload identity webhook");
  if (!GUID.test(tenantId)) throw new ConfigError(`AZURE_TENANT_ID is ${JSON.stringify(tenantId)}; expected the Entra tenant id, a GUID`);
  const tokenFile = required(env, "AZURE_FEDERATED_TOKEN_FILE", "the path of the projected service account token, injected by the workload identity webhook");
  if (!path.isAbsolute(tokenFile)) throw new ConfigError(`AZURE_FEDERATED_TOKEN_FILE is ${JSON.stringify(tokenFile)}; expected an absolute path`);
  const authorityText = env.AZURE_AUTHORITY_HOST || "https://login.microsoftonline.com/";
  let authority;
  try {
    authority = new URL(authorityText);
  } catch {
    authority = undefined;
  }
  if (!authority || authority.protocol !== "https:" || authority.search || authority.hash || authority.username) {
    throw new ConfigError(`AZURE_AUTHORITY_HOST is ${JSON.stringify(authorityText)}; expected an https:// URL such as https://login.microsoftonline.com/`);
  }
  const base = authority.href.endsWith("/") ? authority.href : `${authority.href}/`;
  return { clientId, tenantId, tokenFile, tokenUrl: `${base}${tenantId}/oauth2/v2.0/token` };
}

/** A function resolving to a current token for `scope` (`https://storage.azure.com/.default`, ...), cached. */
export function entraTokenSource(env, scope) {
  const identity = workloadIdentity(env);
  const who = `Entra ID (${identity.tokenUrl}, scope ${scope})`;
  return tokenCache(async () => {
    // Read each time: the kubelet rotates the projected token.
    const assertion = (await readFile(identity.tokenFile, "utf8")).trim();
    const response = await fetch(identity.tokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        client_id: identity.clientId,
        scope,
        grant_type: "client_credentials",
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(`${who} refused the token exchange for client ${identity.clientId}: ${response.status} ${body.error ?? ""} ${String(body.error_description ?? "").split("\n")[0]}`.trim());
    }
    return oauthToken(await response.json(), who);
  });
}
