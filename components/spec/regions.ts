import type { Cloud } from "./schema.ts";

/**
 * The regions each cloud offers, one list per cloud. A region outside its cloud's list is a spelling mistake or
 * a region that does not exist (exit 2 naming the key), not a residency question for the policy pack.
 */

/**
 * AWS commercial regions (the `aws` partition; the platform writes `arn:aws:` ARNs, so China, GovCloud, ISO and
 * European Sovereign Cloud regions are not offered). Source: the `Region` enum of @pulumi/aws
 * (types/enums/index.d.ts), itself generated from the AWS endpoints file; a test checks it stays a subset.
 */
const aws = [
  "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1", "ap-south-2",
  "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7",
  "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2",
  "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1",
  "us-west-2",
] as const;

/** Google Cloud regions. Source: https://cloud.google.com/compute/docs/regions-zones#available (read 2026-12-01). */
const gcp = [
  "africa-south1", "asia-east1", "asia-east2", "asia-northeast1", "asia-northeast2", "asia-northeast3", "asia-south1", "asia-south2",
  "asia-southeast1", "asia-southeast2", "australia-southeast1", "australia-southeast2", "europe-central2", "europe-north1",
  "europe-north2", "europe-southwest1", "europe-west1", "europe-west2", "europe-west3", "europe-west4", "europe-west6",
  "europe-west8", "europe-west9", "europe-west10", "europe-west12", "me-central1", "me-central2", "me-west1",
  "northamerica-northeast1", "northamerica-northeast2", "northamerica-south1", "southamerica-east1", "southamerica-west1",
  "us-central1", "us-east1", "us-east4", "us-east5", "us-south1", "us-west1", "us-west2", "us-west3", "us-west4",
] as const;

/**
 * Azure public-cloud physical regions (`az account list-locations --query "[?metadata.regionType=='Physical'].name"`;
 * canary/EUAP regions left out). Source: https://learn.microsoft.com/azure/reliability/regions-list (read 2026-12-01).
 */
const azure = [
  "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "austriaeast", "belgiumcentral", "brazilsouth",
  "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "chilecentral", "eastasia", "eastus", "eastus2",
  "francecentral", "francesouth", "germanynorth", "germanywestcentral", "indonesiacentral", "israelcentral", "italynorth",
  "japaneast", "japanwest", "jioindiacentral", "jioindiawest", "koreacentral", "koreasouth", "malaysiawest", "mexicocentral",
  "newzealandnorth", "northcentralus", "northeurope", "norwayeast", "norwaywest", "polandcentral", "qatarcentral",
  "southafricanorth", "southafricawest", "southcentralus", "southeastasia", "southindia", "spaincentral", "swedencentral",
  "switzerlandnorth", "switzerlandwest", "uaecentral", "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope",
  "westindia", "westus", "westus2", "westus3",
] as const;

export const cloudRegions: Record<Cloud, readonly string[]> = { aws, gcp, azure };

/** A problem sentence when `region` is not one of the cloud's regions. */
export function regionProblem(cloud: Cloud, region: string): string | undefined {
  if (cloudRegions[cloud].includes(region)) return undefined;
  const shown = JSON.stringify(region.length > 64 ? `${region.slice(0, 64)}…` : region);
  const near = cloudRegions[cloud].filter((r) => r.split("-")[0] === region.split("-")[0]).slice(0, 8);
  return `got ${shown}, expected one of the ${cloudRegions[cloud].length} ${cloud} regions${near.length ? ` (e.g. ${near.join(", ")})` : ` (e.g. ${cloudRegions[cloud].slice(0, 4).join(", ")})`}`;
}
