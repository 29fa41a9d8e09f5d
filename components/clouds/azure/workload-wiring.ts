import type { CloudWorkloadWiring } from "../../kubernetes/workload-env.ts";
import type { PlatformSpec } from "../../spec/index.ts";
import { databaseUser } from "../../wiring/database-user.ts";

/** The port of a Synapse SQL endpoint (TDS), inside the network through its private endpoint. */
export const synapseSqlPort = 1433;

/**
 * Azure's part of every workload's environment. The database takes Entra ID tokens (`azure-entra`: the pod
 * exchanges its federated service-account token for a token for `https://ossrdbms-aad.database.windows.net`) as
 * the role named after the workload, which the identity is mapped to with `pgaadauth_create_principal_with_oid`.
 * A lake zone's location is its container's URL (`https://<account>.blob.core.windows.net/<container>`), which is
 * already the URL the SDKs take. The warehouse is a Synapse SQL endpoint. The SDKs find their region in
 * `AZURE_REGION`; the workload identity webhook injects `AZURE_CLIENT_ID`, `AZURE_TENANT_ID`,
 * `AZURE_FEDERATED_TOKEN_FILE` and `AZURE_AUTHORITY_HOST` into the pod at run time.
 */
export function azureWorkloadWiring(_spec: PlatformSpec): CloudWorkloadWiring {
  return {
    databaseAuth: "azure-entra",
    databaseUser,
    storageUrl: (location) => location.replace(/\/+$/, ""),
    warehouseUrl: (endpoint) => `synapse://${endpoint}:${synapseSqlPort}/analytics`,
    warehousePort: synapseSqlPort,
    regionVariables: (region) => ({ AZURE_REGION: region }),
  };
}
