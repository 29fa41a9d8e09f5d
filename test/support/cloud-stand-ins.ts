import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { AccessTokens } from "./access-tokens.ts";
import { startFakeBlob, type BlobAccess, type FakeBlob } from "./fake-blob.ts";
import { startFakeEntra, type FakeEntra, type FederatedCredential } from "./fake-entra.ts";
import { startFakeGcs, type FakeGcs, type GcsAccess } from "./fake-gcs.ts";
import { startGkeMetadata, type GkeMetadata } from "./gke-metadata.ts";
import { ServiceAccountIssuer } from "./service-account-issuer.ts";
import { testCertificate } from "./test-certificate.ts";

/**
 * The GCP and Azure stand-ins together, as a pod of each cloud meets them, for the apps' tests and the offline
 * end-to-end run: what a workload's process needs in its environment to reach them (`env`), and the stand-ins
 * themselves to put data in and read it back. Apps reach them through the variables the real platforms use
 * (GCE_METADATA_HOST, STORAGE_EMULATOR_HOST, AZURE_AUTHORITY_HOST) or, for a cloud endpoint no variable moves
 * (`https://<account>.blob.core.windows.net`), through the offline network mapping (test/e2e/local-network.mjs)
 * and NODE_EXTRA_CA_CERTS for the stand-ins' certificate.
 */
export const LOCAL_NETWORK = fileURLToPath(new URL("../e2e/local-network.mjs", import.meta.url));

export const GCP_DATABASE_AUDIENCE = "https://www.googleapis.com/auth/cloud-platform";
export const AZURE_DATABASE_RESOURCE = "https://ossrdbms-aad.database.windows.net";

export interface GcpStandIns {
  readonly tokens: AccessTokens;
  readonly gcs: FakeGcs;
  /** A metadata server per service account e-mail. */
  readonly metadata: ReadonlyMap<string, GkeMetadata>;
  /** The token a service account's pod gets (what Cloud SQL checks; the test database's password for its IAM user). */
  tokenOf(serviceAccount: string): string;
  /** The env a process running as `serviceAccount` needs, through the variables Google's libraries honour. */
  env(serviceAccount: string): Record<string, string>;
  close(): Promise<void>;
}

export async function startGcpStandIns(options: { serviceAccounts: readonly string[]; buckets: readonly string[]; allowed?: (principal: string, bucket: string, access: GcsAccess) => boolean; tls?: boolean }): Promise<GcpStandIns> {
  const tokens = new AccessTokens();
  const metadata = new Map<string, GkeMetadata>();
  const closing: (() => Promise<void>)[] = [];
  try {
    const gcs = await startFakeGcs({ tokens, buckets: options.buckets, ...(options.allowed ? { allowed: options.allowed } : {}), ...(options.tls ? { tls: true } : {}) });
    closing.push(() => gcs.close());
    for (const account of options.serviceAccounts) {
      const server = await startGkeMetadata({ serviceAccount: account, tokens });
      closing.push(() => server.close());
      metadata.set(account, server);
    }
    return {
      tokens,
      gcs,
      metadata,
      tokenOf: (account) => tokens.tokenFor(account, GCP_DATABASE_AUDIENCE, "ya29.offline"),
      env: (account) => {
        const server = metadata.get(account);
        if (!server) throw new Error(`no metadata server for ${account}; the stand-ins serve ${[...metadata.keys()].join(", ")}`);
        return { GCE_METADATA_HOST: server.host, STORAGE_EMULATOR_HOST: gcs.endpoint, ...(options.tls ? { NODE_EXTRA_CA_CERTS: testCertificate().file } : {}) };
      },
      close: async () => {
        for (const close of closing.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closing.reverse()) await close();
    throw error;
  }
}

export interface AzureIdentity {
  readonly clientId: string;
  readonly namespace: string;
  readonly serviceAccount: string;
}

export interface AzureStandIns {
  readonly tokens: AccessTokens;
  readonly issuer: ServiceAccountIssuer;
  readonly entra: FakeEntra;
  readonly blob: FakeBlob;
  /** The token Entra issues the identity for Azure Database for PostgreSQL (the test database's password for its role). */
  databaseTokenOf(clientId: string): string;
  /**
   * What the workload identity webhook injects into the identity's pod (its projected token written to a file of
   * its own), plus NODE_EXTRA_CA_CERTS and the host mapping (`hosts`, for STRATUM_LOCAL_HOSTS) to the stand-ins.
   */
  env(identity: AzureIdentity, options?: { authorityHost?: string }): Record<string, string>;
  /** STRATUM_LOCAL_HOSTS entries: every storage account's blob endpoint, and Entra's host, to the stand-ins. */
  hosts(accounts: readonly string[]): Record<string, string>;
  close(): Promise<void>;
}

export async function startAzureStandIns(options: {
  tenantId: string;
  issuer: string;
  federated: readonly FederatedCredential[];
  containers: readonly string[];
  allowed?: (principal: string, containerUrl: string, access: BlobAccess) => boolean;
}): Promise<AzureStandIns> {
  const tokens = new AccessTokens();
  const issuer = new ServiceAccountIssuer(options.issuer);
  const dir = mkdtempSync(path.join(tmpdir(), "stratum-azure-"));
  const closing: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  try {
    const entra = await startFakeEntra({ tenantId: options.tenantId, tokens, issuers: [issuer], federated: options.federated });
    closing.push(() => entra.close());
    const blob = await startFakeBlob({ tokens, containers: options.containers, ...(options.allowed ? { allowed: options.allowed } : {}) });
    closing.push(() => blob.close());
    return {
      tokens,
      issuer,
      entra,
      blob,
      databaseTokenOf: (clientId) => tokens.tokenFor(clientId, AZURE_DATABASE_RESOURCE, "eyJ0eXAiOiJKV1Qi.offline"),
      env: (identity, { authorityHost = entra.authorityHost } = {}) => {
        const file = path.join(dir, `${identity.namespace}-${identity.serviceAccount}-${identity.clientId}.token`);
        writeFileSync(file, issuer.token(identity.namespace, identity.serviceAccount));
        return {
          AZURE_CLIENT_ID: identity.clientId,
          AZURE_TENANT_ID: options.tenantId,
          AZURE_FEDERATED_TOKEN_FILE: file,
          AZURE_AUTHORITY_HOST: authorityHost,
          NODE_EXTRA_CA_CERTS: testCertificate().file,
        };
      },
      hosts: (accounts) => ({
        "login.microsoftonline.com:443": `127.0.0.1:${entra.port}`,
        ...Object.fromEntries(accounts.map((a) => [`${a}.blob.core.windows.net:443`, `127.0.0.1:${blob.port}`])),
      }),
      close: async () => {
        for (const close of closing.reverse()) await close();
      },
    };
  } catch (error) {
    for (const close of closing.reverse()) await close();
    throw error;
  }
}
