import type { OfflineAnswers } from "../../components/cloud-module.ts";
import { loadCloud } from "../../components/clouds/select.ts";
import type { Cloud } from "../../components/spec/schema.ts";
import type { PlanReport } from "../plan/model.ts";
import { awsChecker } from "./aws-check.ts";
import { azureChecker } from "./azure-check.ts";
import type { CloudChecker } from "./cloud-check.ts";
import { gcpChecker } from "./gcp-check.ts";

/** The offline answers a plan was made with: GCP's and Azure's ids are read back from them. */
export type OfflineFor = (plan: PlanReport) => Promise<OfflineAnswers>;

/**
 * The cloud's own answers for the plan's stack, from the account outputs every plan exports (GCP `projectId`,
 * `projectNumber`; Azure `subscriptionId`, `tenantId`, `resourceGroup`): the same ids the plan's inputs carry.
 */
export const cloudOffline: OfflineFor = async (plan) => {
  const o = plan.outputs as Record<string, string>;
  const account = plan.cloud === "gcp" ? { gcp: { projectId: o["projectId"]!, projectNumber: o["projectNumber"]! } } : { azure: { subscriptionId: o["subscriptionId"]!, tenantId: o["tenantId"]!, resourceGroup: o["resourceGroup"]! } };
  return (await loadCloud(plan.cloud as Cloud)).offline({ region: plan.region, account });
};

/** The checker of a plan's cloud; undefined for a cloud the check does not know. */
export async function checkerFor(plan: PlanReport, offline: OfflineFor = cloudOffline): Promise<CloudChecker | undefined> {
  switch (plan.cloud) {
    case "aws":
      return awsChecker(plan);
    case "gcp":
      return gcpChecker(plan, await offline(plan));
    case "azure":
      return azureChecker(plan, await offline(plan));
    default:
      return undefined;
  }
}
