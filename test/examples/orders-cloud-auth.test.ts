import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccessTokens } from "../support/access-tokens.ts";
import { startFakeEntra, type FakeEntra } from "../support/fake-entra.ts";
import { startGkeMetadata, type GkeMetadata } from "../support/gke-metadata.ts";
import { startPostgres, type Postgres } from "../support/postgres.ts";
import { runCommand } from "../support/run-app.ts";
import { ServiceAccountIssuer } from "../support/service-account-issuer.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { testCertificate } from "../support/test-certificate.ts";

/**
 * orders' GCP and Azure database authentication, against real PostgreSQL and the credential stand-ins: the role's
 * password is the token the stand-in issues to the workload's identity, so PostgreSQL itself checks that the app
 * fetched its own identity's token for the database (Cloud SQL and Azure check the token the same way).
 */
const ordersDir = path.join(repoRoot, "examples/orders");
const tokens = new AccessTokens();
const dir = mkdtempSync(path.join(tmpdir(), "orders-cloud-"));
const PROJECT = "acme-platform-dev";
const SA = `acme-dev-orders@${PROJECT}.iam.gserviceaccount.com`;
const IAM_USER = `acme-dev-orders@${PROJECT}.iam`;
const TENANT = "4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const CLIENT = "0d6e7f80-91a2-4b3c-9d4e-5f60718293a4";
const ISSUER = "https://eastus2.oic.prod-aks.azure.com/tenant/cluster/";
let postgres: Postgres;
let metadata: GkeMetadata;
let other: GkeMetadata;
let entra: FakeEntra;
const issuer = new ServiceAccountIssuer(ISSUER);

beforeAll(async () => {
  postgres = await startPostgres({ tls: true });
  metadata = await startGkeMetadata({ serviceAccount: SA, tokens });
  other = await startGkeMetadata({ serviceAccount: `acme-dev-api@${PROJECT}.iam.gserviceaccount.com`, tokens });
  entra = await startFakeEntra({ tenantId: TENANT, tokens, issuers: [issuer], federated: [{ clientId: CLIENT, issuer: ISSUER, subject: "system:serviceaccount:acme-dev:orders" }] });
  // Roles as the platform's administrator makes them; the password is what the cloud would accept: the identity's token.
  const gcpToken = tokens.tokenFor(SA, "https://www.googleapis.com/auth/cloud-platform", "ya29.offline");
  const azureToken = tokens.tokenFor(CLIENT, "https://ossrdbms-aad.database.windows.net", "eyJ0eXAiOiJKV1Qi.offline");
  await postgres.query(`CREATE ROLE "${IAM_USER}" LOGIN PASSWORD '${gcpToken}'`);
  await postgres.query(`CREATE ROLE orders LOGIN PASSWORD '${azureToken}'`);
  // A database per cloud's user, each owned by it, as the platform grants it.
  await postgres.query(`CREATE DATABASE orders OWNER orders`);
  await postgres.query(`CREATE DATABASE orders_gcp OWNER "${IAM_USER}"`);
}, 60_000);
afterAll(async () => {
  for (const s of [metadata, other, entra]) await s?.close();
  await postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const database = (user: string) => ({ DATABASE_HOST: postgres.host, DATABASE_PORT: String(postgres.port), DATABASE_NAME: user === "orders" ? "orders" : "orders_gcp", DATABASE_USER: user, DATABASE_SSLMODE: "require" });
const migrate = (env: Record<string, string>) => runCommand({ command: ["node", "migrate.js"], cwd: ordersDir, env, timeoutMs: 60_000 });
const tokenFile = (jwt: string) => {
  const file = path.join(dir, `token-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, jwt);
  return file;
};
const azure = (file: string, extra: Record<string, string> = {}) => ({
  ...database("orders"),
  DATABASE_AUTH: "azure-entra",
  AZURE_CLIENT_ID: CLIENT,
  AZURE_TENANT_ID: TENANT,
  AZURE_FEDERATED_TOKEN_FILE: file,
  AZURE_AUTHORITY_HOST: entra.authorityHost,
  NODE_EXTRA_CA_CERTS: testCertificate().file,
  ...extra,
});
const secrets = () => [...tokensIssued()];
function* tokensIssued() {
  yield tokens.tokenFor(SA, "https://www.googleapis.com/auth/cloud-platform", "ya29.offline");
  yield tokens.tokenFor(CLIENT, "https://ossrdbms-aad.database.windows.net", "eyJ0eXAiOiJKV1Qi.offline");
}

describe("orders with DATABASE_AUTH=gcp-iam (Cloud SQL IAM database authentication)", () => {
  it("connects as the service account's IAM user with the metadata server's token, over TLS", async () => {
    const run = await migrate({ ...database(IAM_USER), DATABASE_AUTH: "gcp-iam", GCE_METADATA_HOST: metadata.host });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("migrate: applied 001_customers_and_products.sql");
    // Asked with the header the metadata server demands, for the default service account's token.
    expect(metadata.requests).toContainEqual({ line: "GET /computeMetadata/v1/instance/service-accounts/default/token", flavor: true });
  });

  it("another service account's token is refused by the database: the wire names the user, never the token", async () => {
    const run = await migrate({ ...database(IAM_USER), DATABASE_AUTH: "gcp-iam", GCE_METADATA_HOST: other.host });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`password authentication failed for user "${IAM_USER}"`);
    for (const secret of secrets()) expect(run.stdout + run.stderr).not.toContain(secret);
  });

  it("exits 2 naming GCE_METADATA_HOST when it is not host[:port]", async () => {
    const run = await migrate({ ...database(IAM_USER), DATABASE_AUTH: "gcp-iam", GCE_METADATA_HOST: "http://169.254.169.254/" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('GCE_METADATA_HOST is "http://169.254.169.254/"; expected the metadata server\'s host[:port] without a scheme or path');
  });
});

describe("orders with DATABASE_AUTH=azure-entra (Entra authentication, the pod's federated token exchanged)", () => {
  it("exchanges the projected token for a database token and connects as its role, over TLS", async () => {
    const run = await migrate(azure(tokenFile(issuer.token("acme-dev", "orders"))));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(entra.exchanges.at(-1)).toEqual({ clientId: CLIENT, scope: "https://ossrdbms-aad.database.windows.net/.default" });
  });

  it("a token of another service account, or for another audience, is refused by Entra, and the run says so", async () => {
    for (const [jwt, refusal] of [
      [issuer.token("acme-dev", "api"), "AADSTS70021: No matching federated identity record found for presented assertion"],
      [issuer.token("acme-dev", "orders", { audience: "https://kubernetes.default.svc" }), "AADSTS700212"],
      [issuer.token("acme-dev", "orders", { lifetimeSeconds: -60 }), "AADSTS700024"],
      ["not-a-jwt", "AADSTS50027"],
    ] as const) {
      const run = await migrate(azure(tokenFile(jwt)));
      expect(run.code, refusal).toBe(1);
      expect(run.stderr).toContain(`refused the token exchange for client ${CLIENT}: 400 invalid_client ${refusal}`);
      expect(run.stderr).not.toContain(jwt.slice(-20));
    }
  });

  it("exits 2 naming the workload identity variable that is missing or malformed", async () => {
    const file = tokenFile(issuer.token("acme-dev", "orders"));
    for (const [extra, message] of [
      [{ AZURE_CLIENT_ID: "" }, "AZURE_CLIENT_ID is not set; expected the managed identity's client id (a GUID)"],
      [{ AZURE_TENANT_ID: "contoso" }, 'AZURE_TENANT_ID is "contoso"; expected the Entra tenant id, a GUID'],
      [{ AZURE_FEDERATED_TOKEN_FILE: "token" }, 'AZURE_FEDERATED_TOKEN_FILE is "token"; expected an absolute path'],
      [{ AZURE_AUTHORITY_HOST: "http://login.microsoftonline.com/" }, 'AZURE_AUTHORITY_HOST is "http://login.microsoftonline.com/"; expected an https:// URL'],
    ] as const) {
      const run = await migrate(azure(file, extra));
      expect(run.code, message).toBe(2);
      expect(run.stderr).toContain(message);
    }
  });
});
