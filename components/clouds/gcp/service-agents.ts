/**
 * The Google-managed service agents that encrypt with a customer-managed key on the project's behalf, by the
 * email GCP gives each (https://cloud.google.com/iam/docs/service-agents). Each needs
 * `roles/cloudkms.cryptoKeyEncrypterDecrypter` on exactly the keys its service encrypts with. An agent exists once
 * its API is enabled (or `gcloud beta services identity create --service=...`): see docs/gcp.md, "Before a first
 * `pulumi up`".
 */
export type ServiceAgent = "gke" | "cloudSql" | "artifactRegistry" | "storage" | "bigQuery" | "vertex" | "computeEngine";

export function serviceAgentEmail(agent: ServiceAgent, projectNumber: string): string {
  switch (agent) {
    case "gke":
      return `service-${projectNumber}@container-engine-robot.iam.gserviceaccount.com`;
    case "cloudSql":
      return `service-${projectNumber}@gcp-sa-cloud-sql.iam.gserviceaccount.com`;
    case "artifactRegistry":
      return `service-${projectNumber}@gcp-sa-artifactregistry.iam.gserviceaccount.com`;
    case "storage":
      return `service-${projectNumber}@gs-project-accounts.iam.gserviceaccount.com`;
    case "bigQuery":
      return `bq-${projectNumber}@bigquery-encryption.iam.gserviceaccount.com`;
    case "vertex":
      return `service-${projectNumber}@gcp-sa-aiplatform.iam.gserviceaccount.com`;
    case "computeEngine":
      // Encrypts the nodes' boot disks with the cluster key.
      return `service-${projectNumber}@compute-system.iam.gserviceaccount.com`;
  }
}
