import * as kms from "@pulumi/gcp/kms/index.js";
import type * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import { projectOf } from "./project.ts";

/**
 * The Google-managed service agents that act for a service in the project: the ones that encrypt its data with a
 * customer-managed key, Dataplex's, which reads the lake's buckets, and Cloud CDN's, which fills its cache from the
 * private site bucket. A bucket, instance,
 * dataset or endpoint whose CMEK the agent may not use fails to create, so each data driver lets exactly its own
 * service's agent use exactly its own key (addresses: https://cloud.google.com/iam/docs/service-agents). The agents
 * exist once the service's API is enabled (Cloud SQL's and Vertex AI's: `gcloud beta services identity create`).
 */
const agents = {
  storage: (n: string) => `service-${n}@gs-project-accounts.iam.gserviceaccount.com`,
  cloudSql: (n: string) => `service-${n}@gcp-sa-cloud-sql.iam.gserviceaccount.com`,
  bigquery: (n: string) => `bq-${n}@bigquery-encryption.iam.gserviceaccount.com`,
  vertex: (n: string) => `service-${n}@gcp-sa-aiplatform.iam.gserviceaccount.com`,
  secretManager: (n: string) => `service-${n}@gcp-sa-secretmanager.iam.gserviceaccount.com`,
  dataplex: (n: string) => `service-${n}@gcp-sa-dataplex.iam.gserviceaccount.com`,
  cdnFill: (n: string) => `service-${n}@cloud-cdn-fill.iam.gserviceaccount.com`,
} as const;

export type ServiceAgent = keyof typeof agents;

/** The service agent's email in the stack's project. */
export function serviceAgentEmail(ctx: DriverContext, agent: ServiceAgent): string {
  return agents[agent](projectOf(ctx).projectNumber);
}

/** The service agent may encrypt and decrypt with the key (`<suffix>-key-agent`): what CMEK on GCP requires. */
export function serviceAgentKeyUse(ctx: DriverContext, suffix: string, agent: ServiceAgent, keyId: pulumi.Input<string>): kms.CryptoKeyIAMMember {
  return new kms.CryptoKeyIAMMember(ctx.name(`${suffix}-key-agent`), {
    cryptoKeyId: keyId,
    role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
    member: `serviceAccount:${serviceAgentEmail(ctx, agent)}`,
  }, { parent: ctx.parent });
}
