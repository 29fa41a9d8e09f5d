import type { CloudWorkloadWiring } from "../../kubernetes/workload-env.ts";
import { accountOf, type PlatformSpec } from "../../spec/index.ts";
import { serviceAccountId } from "./service-account-id.ts";

/**
 * The Cloud SQL IAM database user of a workload's service account: Cloud SQL names it after the account's email
 * without `.gserviceaccount.com` (https://cloud.google.com/sql/docs/postgres/iam-logins). The workload identity
 * driver names the account with the same `serviceAccountId(<name>-<env>-<workload>)`.
 */
export function gcpDatabaseUser(spec: Pick<PlatformSpec, "name" | "environment">, project: string, workload: string): string {
  return `${serviceAccountId(`${spec.name}-${spec.environment}-${workload}`)}@${project}.iam`;
}

/**
 * GCP's part of every workload's environment: Cloud SQL IAM database authentication (the password is an OAuth
 * access token the pod gets from the GKE metadata server as its service account), the lake in Cloud Storage
 * (`gs://<bucket>`), the warehouse in BigQuery (an HTTPS API: no port to admit in the network), and the project
 * and region Google's client libraries read.
 */
export function gcpWorkloadWiring(spec: PlatformSpec): CloudWorkloadWiring {
  const { projectId } = accountOf(spec, "gcp");
  return {
    databaseAuth: "gcp-iam",
    databaseUser: (workload) => gcpDatabaseUser(spec, projectId, workload),
    storageUrl: (bucket) => `gs://${bucket}`,
    // The warehouse driver's endpoint is its dataset as `<project>/<dataset>`.
    warehouseUrl: (endpoint) => `bigquery://${endpoint}`,
    regionVariables: (region) => ({ GOOGLE_CLOUD_PROJECT: projectId, GOOGLE_CLOUD_REGION: region }),
  };
}
