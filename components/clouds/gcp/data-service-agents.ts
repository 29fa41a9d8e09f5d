import * as kms from "@pulumi/gcp/kms/index.js";
import type * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import { projectOf } from "./project.ts";

/**
 * Service agents the data, ML and web drivers grant besides the ones the keys driver lets use each domain's key
 * (service-agents.ts, governance/keys/gcp.ts `keyUsers`): Secret Manager's (the database's admin secret is under
 * the database key), BigQuery's on the ML key (the model endpoints' request logs), Dataplex's (discovery reads
 * the lake's buckets) and Cloud CDN's fill agent (the only reader of the site bucket).
 * https://cloud.google.com/iam/docs/service-agents
 */
const agents = {
  secretManager: (n: string) => `service-${n}@gcp-sa-secretmanager.iam.gserviceaccount.com`,
  bigQuery: (n: string) => `bq-${n}@bigquery-encryption.iam.gserviceaccount.com`,
  dataplex: (n: string) => `service-${n}@gcp-sa-dataplex.iam.gserviceaccount.com`,
  cdnFill: (n: string) => `service-${n}@cloud-cdn-fill.iam.gserviceaccount.com`,
} as const;

export type DataServiceAgent = keyof typeof agents;

/** The agent's email in the stack's project. */
export function dataServiceAgent(ctx: DriverContext, agent: DataServiceAgent): string {
  return agents[agent](projectOf(ctx).projectNumber);
}

/**
 * The agent may encrypt and decrypt with a key the keys driver does not grant it (`<prefix>-<suffix>-key-agent`):
 * what CMEK on GCP requires. The resource encrypted with the key must depend on it.
 */
export function agentKeyUse(ctx: DriverContext, suffix: string, agent: "secretManager" | "bigQuery", keyId: pulumi.Input<string>): kms.CryptoKeyIAMMember {
  return new kms.CryptoKeyIAMMember(ctx.name(`${suffix}-key-agent`), {
    cryptoKeyId: keyId,
    role: "roles/cloudkms.cryptoKeyEncrypterDecrypter",
    member: `serviceAccount:${dataServiceAgent(ctx, agent)}`,
  }, { parent: ctx.parent });
}
