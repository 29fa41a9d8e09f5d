import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AccessTokens } from "./access-tokens.ts";

/**
 * A local stand-in for the GKE metadata server a pod with Workload Identity reaches: the service account's e-mail
 * and an OAuth access token of it, at the paths Google's libraries ask. It refuses what the real one refuses: a
 * request without `Metadata-Flavor: Google` (403), one carrying `X-Forwarded-For` (a proxied request, 403), any
 * other path (404). Its answers carry `Metadata-Flavor: Google`, which clients check. Loopback only.
 */
export const CLOUD_PLATFORM_SCOPE = "https://www.googleapis.com/auth/cloud-platform";

export interface GkeMetadata {
  /** `127.0.0.1:<port>`, for GCE_METADATA_HOST (host:port, no scheme). */
  readonly host: string;
  readonly port: number;
  /** Every request: method, path, and whether it carried the header. */
  readonly requests: { line: string; flavor: boolean }[];
  close(): Promise<void>;
}

export async function startGkeMetadata(options: { serviceAccount: string; tokens: AccessTokens; host?: string; port?: number }): Promise<GkeMetadata> {
  const requests: { line: string; flavor: boolean }[] = [];
  const base = "/computeMetadata/v1/instance/service-accounts/";
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://metadata.google.internal");
    const flavor = request.headers["metadata-flavor"] === "Google";
    requests.push({ line: `${request.method} ${url.pathname}`, flavor });
    const send = (status: number, body: string, type = "text/plain") => {
      response.writeHead(status, { "metadata-flavor": "Google", "content-type": type });
      response.end(body);
    };
    if (!flavor) return send(403, "Missing required header: Metadata-Flavor: Google\n");
    if (request.headers["x-forwarded-for"] !== undefined) return send(403, "Request denied: X-Forwarded-For is not allowed\n");
    if (request.method !== "GET") return send(405, "Method not allowed\n");
    const account = url.pathname.startsWith(base) ? url.pathname.slice(base.length).split("/")[0] : undefined;
    const what = url.pathname.slice(base.length + (account?.length ?? 0) + 1);
    if (account !== "default" && account !== options.serviceAccount) return send(404, "Not found\n");
    if (what === "email") return send(200, options.serviceAccount);
    if (what === "token") {
      const token = options.tokens.tokenFor(options.serviceAccount, CLOUD_PLATFORM_SCOPE, "ya29.offline");
      return send(200, JSON.stringify({ access_token: token, expires_in: 3599, token_type: "Bearer" }), "application/json");
    }
    send(404, "Not found\n");
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return { host: `${address}:${port}`, port, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
