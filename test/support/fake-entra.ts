import { createServer, type Server } from "node:https";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { AccessTokens } from "./access-tokens.ts";
import { requestBody } from "./request-body.ts";
import { TOKEN_EXCHANGE_AUDIENCE, verifyAssertion, type ServiceAccountIssuer } from "./service-account-issuer.ts";
import { testCertificate } from "./test-certificate.ts";

/**
 * A local stand-in for Entra ID's token endpoint as AKS Workload Identity uses it:
 * `POST /<tenant>/oauth2/v2.0/token` with `grant_type=client_credentials`, `client_id`, `scope` and a
 * `client_assertion` (the pod's projected service account token). It refuses what Entra refuses: another tenant,
 * another grant or assertion type, an assertion that is not a JWT signed by a known issuer and unexpired, one whose
 * audience is not api://AzureADTokenExchange, one no federated credential of `client_id` matches (issuer and
 * subject), and a scope that is not `<resource>/.default` of a known resource. It answers
 * `{ token_type, expires_in, access_token }`, a token of the client for that resource (AccessTokens). HTTPS with
 * the test certificate, loopback only.
 */
export interface FederatedCredential {
  /** The managed identity's client id. */
  readonly clientId: string;
  readonly issuer: string;
  readonly subject: string;
}

export interface FakeEntra {
  /** `https://127.0.0.1:<port>/`, for AZURE_AUTHORITY_HOST. */
  readonly authorityHost: string;
  readonly port: number;
  /** Each exchange: client, scope, and why it was refused (never a token). */
  readonly exchanges: { clientId: string; scope: string; refused?: string }[];
  close(): Promise<void>;
}

export interface FakeEntraOptions {
  readonly tenantId: string;
  readonly tokens: AccessTokens;
  readonly issuers: readonly ServiceAccountIssuer[];
  readonly federated: readonly FederatedCredential[];
  /** The resources a token may be asked for. */
  readonly resources?: readonly string[];
  readonly host?: string;
  readonly port?: number;
}

export const AZURE_RESOURCES = ["https://storage.azure.com", "https://ossrdbms-aad.database.windows.net"];

const form = async (request: IncomingMessage) => new URLSearchParams((await requestBody(request)).toString("utf8"));

export async function startFakeEntra(options: FakeEntraOptions): Promise<FakeEntra> {
  const exchanges: FakeEntra["exchanges"] = [];
  const resources = options.resources ?? AZURE_RESOURCES;
  const handler = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? "/", "https://login.microsoftonline.com");
    const fields = request.method === "POST" ? await form(request) : new URLSearchParams();
    const exchange = { clientId: fields.get("client_id") ?? "", scope: fields.get("scope") ?? "" };
    const send = (status: number, body: Record<string, unknown>) => {
      response.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      response.end(JSON.stringify(body));
    };
    const refuse = (status: number, error: string, description: string) => {
      exchanges.push({ ...exchange, refused: description });
      send(status, { error, error_description: description, error_codes: [Number(/AADSTS(\d+)/.exec(description)?.[1] ?? 0)] });
    };
    const tenant = /^\/([^/]+)\/oauth2\/v2\.0\/token$/.exec(url.pathname)?.[1];
    if (request.method !== "POST" || !tenant) return refuse(404, "not_found", `AADSTS90000: ${request.method} ${url.pathname} is not a token endpoint.`);
    if (tenant !== options.tenantId) return refuse(400, "invalid_tenant", `AADSTS90002: Tenant '${tenant}' not found.`);
    if (fields.get("grant_type") !== "client_credentials") return refuse(400, "unsupported_grant_type", `AADSTS70003: grant_type ${JSON.stringify(fields.get("grant_type"))}; expected client_credentials.`);
    if (fields.get("client_assertion_type") !== "urn:ietf:params:oauth:client-assertion-type:jwt-bearer") return refuse(400, "invalid_request", "AADSTS7000216: client_assertion_type urn:ietf:params:oauth:client-assertion-type:jwt-bearer is required.");
    const verified = verifyAssertion(fields.get("client_assertion") ?? "", options.issuers);
    if ("refused" in verified) return refuse(400, "invalid_client", verified.refused);
    if (!verified.aud.includes(TOKEN_EXCHANGE_AUDIENCE)) return refuse(400, "invalid_client", `AADSTS700212: No matching federated identity record found for presented assertion audience '${verified.aud.join(",")}'.`);
    const credential = options.federated.find((f) => f.clientId === exchange.clientId && f.issuer === verified.iss && f.subject === verified.sub);
    if (!credential) return refuse(400, "invalid_client", `AADSTS70021: No matching federated identity record found for presented assertion. Assertion Issuer: '${verified.iss}'. Assertion Subject: '${verified.sub}'. Client: '${exchange.clientId}'.`);
    const resource = exchange.scope.endsWith("/.default") ? exchange.scope.slice(0, -"/.default".length) : undefined;
    if (!resource || !resources.includes(resource)) return refuse(400, "invalid_scope", `AADSTS500011: The resource principal named ${exchange.scope} was not found in the tenant; expected <resource>/.default.`);
    exchanges.push(exchange);
    send(200, { token_type: "Bearer", expires_in: 3599, ext_expires_in: 3599, access_token: options.tokens.tokenFor(exchange.clientId, resource, "eyJ0eXAiOiJKV1Qi.offline") });
  };
  const { cert, key } = testCertificate();
  const server: Server = createServer({ cert, key }, handler);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return { authorityHost: `https://${address}:${port}/`, port, exchanges, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
