import * as pulumi from "@pulumi/pulumi";
import * as servicenetworking from "@pulumi/gcp/servicenetworking/index.js";
import { recordProgram, type Recording } from "../../../../lib/plan/record.ts";
import type { PlanResource, PlanViolation } from "../../../../lib/plan/model.ts";
import { compareText } from "../../../../lib/text/text-order.ts";
import { blockingViolations, evaluatePlan } from "../../../../policy/evaluate.ts";
import type { PolicyContext } from "../../../../policy/context.ts";
import { Capability, type Driver } from "../../../capability.ts";
import type { Principal } from "../../../grants.ts";
import type { DataStoreConnectivity } from "../../../infra/network/network.ts";
import { tagTransform } from "../../../tags/tag-transform.ts";
import { gcpDataStoreConnectivity } from "../data-store-connectivity.ts";
import { gcpOffline } from "../offline.ts";

/**
 * Plans one GCP driver alone under the mock runtime, as its tier would call it (a Capability component, the tags
 * transform the Platform applies), with GCP's offline answers, and records what it registers: the drivers' tests
 * assert the recorded inputs and run the policy rules on them.
 */
export const fakeProject = { projectId: "acme-platform-dev", projectNumber: "123456789012" } as const;
export const region = "us-central1";
export const fakeKey = (domain: string) => `projects/${fakeProject.projectId}/locations/${region}/keyRings/acme-dev/cryptoKeys/${domain}`;
export const fakeNetworkId = `projects/${fakeProject.projectId}/global/networks/acme-dev`;
export const fakeLogBucket = "acme-platform-dev-acme-dev-logs";
export const tags = { owner: "platform", "cost-center": "cc-1" };

export const workload = (name: string): Principal => ({ name, id: pulumi.output(`acme-dev-${name}@${fakeProject.projectId}.iam.gserviceaccount.com`) });
export const ciIdentity = (name: string): Principal => ({
  name,
  id: pulumi.output(`principalSet://iam.googleapis.com/projects/${fakeProject.projectNumber}/locations/global/workloadIdentityPools/acme-dev-${name}/*`),
});

/** The private services access connection, as the network driver makes it (only its URN matters here). */
export const connectionType = "gcp:servicenetworking/connection:Connection";
export function fakeConnectivity(): DataStoreConnectivity {
  const connection = new servicenetworking.Connection("psa", { network: fakeNetworkId, service: "servicenetworking.googleapis.com", reservedPeeringRanges: ["acme-dev-psa"] });
  return gcpDataStoreConnectivity({ networkId: pulumi.output(fakeNetworkId), connection, allocatedRange: pulumi.output("acme-dev-psa") });
}

export interface DriverPlan<R> extends Recording {
  readonly result: R;
}

/** Runs `driver.create(args())` for the `acme` platform's `environment` and records it. */
export async function planDriver<A, R extends object>(driver: Driver<A, R>, args: () => A, environment: "dev" | "prod" = "dev"): Promise<DriverPlan<R>> {
  let result: R | undefined;
  const recording = await recordProgram({
    project: "stratum",
    stack: `${environment}-gcp`,
    config: { "gcp:project": fakeProject.projectId, "gcp:region": region },
    region,
    offline: gcpOffline({ region, account: { gcp: fakeProject } }),
    program: async () => {
      const scope = { name: "acme", environment, region, account: { gcp: fakeProject } };
      result = new Capability("stratum:test:Capability", "cap", scope, (ctx) => driver.create(args(), ctx), { transforms: [tagTransform(tags)] }).result;
    },
  });
  if (!result) throw new Error("the driver returned nothing");
  return { ...recording, result };
}

/** The plan's one resource of `type` named `name`, or a clear failure. */
export function resource(plan: Recording, type: string, name: string): PlanResource {
  const found = plan.resources.find((r) => r.type === type && r.name === name);
  if (!found) throw new Error(`no ${type} named ${name}; the plan has ${plan.resources.filter((r) => r.type === type).map((r) => r.name).join(", ") || "none of that type"}`);
  return found;
}

/** The plan's resources of `type`, by name (the order resources are recorded in is not the program's). */
export const ofType = (plan: Recording, type: string) => plan.resources.filter((r) => r.type === type).sort((a, b) => compareText(a.name, b.name));

/** The mandatory violations the policy rules find on the driver's own resources (stack-wide rules aside). */
export function mandatoryViolations(plan: Recording, environment: "dev" | "prod" = "dev"): PlanViolation[] {
  const context: PolicyContext = {
    stack: `${environment}-gcp`,
    environment,
    cloud: "gcp",
    region,
    allowedRegions: [region],
    frameworks: ["soc2", "hipaa", "gdpr", "iso27001"],
    advisoryRules: [],
    requiredTags: Object.keys(tags),
  };
  const urns = new Set(plan.resources.filter((r) => r.type !== "pulumi:pulumi:Stack").map((r) => r.urn));
  return blockingViolations(evaluatePlan(plan.resources, context, [], new Date("2026-12-01T12:00:00Z")).violations).filter((v) => urns.has(v.urn));
}

/** The resolved value of an Output in a test. */
export function valueOf<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => output.apply((v) => resolve(v)));
}
