import type { PlanResource } from "../../../lib/plan/model.ts";
import type { CiTrustPosture, CloudConformance, DatabasePosture, Inspector, Plan, StoragePosture } from "../../conformance/inspector.ts";
import { gcpConformanceMutations } from "./conformance-mutations.ts";

/**
 * GCP's answers to what the conformance suite asks beyond the policy rules (see `components/conformance/
 * inspector.ts`): how buckets keep objects and log their access, the Cloud SQL instances' dev/prod settings, the
 * keys, and the subjects the workload identity providers admit.
 */

type Inputs = Record<string, any>;

const ofType = (plan: Plan, type: string) => plan.resources.filter((r) => r.type === type);
const inputs = (r: PlanResource) => r.inputs as Inputs;

/**
 * Object access on GCS is recorded by Cloud Audit Logs' data-access logs (DATA_READ, DATA_WRITE) for Cloud
 * Storage, on for every service by the audit driver, into the locked audit bucket: there is no per-bucket access
 * log to configure, so a bucket's access is logged when the project's audit config covers storage.
 */
function objectAccessAudited(plan: Plan): boolean {
  const types = new Set(
    ofType(plan, "gcp:projects/iAMAuditConfig:IAMAuditConfig")
      .filter((c) => ["allServices", "storage.googleapis.com"].includes(String(inputs(c)["service"])))
      .flatMap((c) => (inputs(c)["auditLogConfigs"] ?? []).map((l: Inputs) => String(l["logType"]))),
  );
  return types.has("DATA_READ") && types.has("DATA_WRITE");
}

/** `assertion.sub == '<subject>'` clauses of a provider's condition: the exact subjects it admits. */
function conditionSubjects(condition: unknown): string[] {
  if (typeof condition !== "string") return [];
  return [...condition.matchAll(/assertion\.sub\s*==\s*'([^']*)'/g)].map((m) => m[1]!);
}

export const gcpInspector: Inspector = {
  storage(plan) {
    const audited = objectAccessAudited(plan);
    return ofType(plan, "gcp:storage/bucket:Bucket").map((bucket): StoragePosture => {
      const i = inputs(bucket);
      return {
        id: bucket.urn,
        // A bucket whose retention is locked keeps every object as written (GCS refuses versioning beside a
        // retention policy): nothing can be overwritten or deleted, so there is no older version to keep.
        versioned: i["versioning"]?.enabled === true || i["retentionPolicy"]?.isLocked === true,
        accessLogged: audited,
        location: String(i["name"] ?? bucket.name),
      };
    });
  },
  databases(plan) {
    return ofType(plan, "gcp:sql/databaseInstance:DatabaseInstance").map((r): DatabasePosture => {
      const i = inputs(r);
      return { id: r.urn, deletionProtected: i["deletionProtection"] === true, multiZone: i["settings"]?.availabilityType === "REGIONAL" };
    });
  },
  keys(plan) {
    return ofType(plan, "gcp:kms/cryptoKey:CryptoKey").map((r) => r.urn);
  },
  ciTrust(plan) {
    return ofType(plan, "gcp:iam/workloadIdentityPoolProvider:WorkloadIdentityPoolProvider")
      .filter((r) => String(inputs(r)["oidc"]?.issuerUri ?? "").startsWith("https://token.actions.githubusercontent.com"))
      .map((r): CiTrustPosture => ({ id: r.urn, subjects: conditionSubjects(inputs(r)["attributeCondition"]) }));
  },
};

export const gcpConformance: CloudConformance = { inspector: gcpInspector, mutations: gcpConformanceMutations };
