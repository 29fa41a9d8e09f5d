import type { PlanResource } from "../../../lib/plan/model.ts";
import type { PlainPolicy } from "./iam-policy.ts";
import type { CiTrustPosture, CloudConformance, DatabasePosture, Inspector, Plan, StoragePosture } from "../../conformance/inspector.ts";
import { awsConformanceMutations } from "./conformance-mutations.ts";

/**
 * AWS's answers to what the conformance suite asks beyond the policy rules (see `components/conformance/
 * inspector.ts`): versioning and access logging of buckets, the databases' dev/prod settings, the keys, and the
 * subjects the CI roles trust. Everything a rule covers is asserted by the rule.
 */

type Inputs = Record<string, any>;

const ofType = (plan: Plan, type: string) => plan.resources.filter((r) => r.type === type);
const inputs = (r: PlanResource) => r.inputs as Inputs;

/** The resources that configure a bucket, found by the bucket name they name. */
function bucketPart(plan: Plan, type: string, bucket: PlanResource): Inputs | undefined {
  const name = inputs(bucket)["bucket"] ?? bucket.name;
  const part = ofType(plan, type).find((r) => inputs(r)["bucket"] === name);
  return part ? inputs(part) : undefined;
}

/** Every IAM policy document in the plan: identity policies, trust policies, bucket and key policies. */
export function awsPolicies(plan: Plan): { urn: string; document: PlainPolicy & { Statement: any[] } }[] {
  const fields: Record<string, string> = {
    "aws:iam/role:Role": "assumeRolePolicy",
    "aws:iam/rolePolicy:RolePolicy": "policy",
    "aws:iam/policy:Policy": "policy",
    "aws:s3/bucketPolicy:BucketPolicy": "policy",
    "aws:kms/key:Key": "policy",
  };
  return plan.resources.flatMap((r) => {
    const field = fields[r.type];
    const text = field ? inputs(r)[field] : undefined;
    if (typeof text !== "string") return [];
    const document = JSON.parse(text);
    return [{ urn: r.urn, document: { ...document, Statement: [document.Statement].flat() } }];
  });
}

const webIdentity = "sts:AssumeRoleWithWebIdentity";
const githubSubject = "token.actions.githubusercontent.com:sub";

export const awsInspector: Inspector = {
  storage(plan) {
    return ofType(plan, "aws:s3/bucket:Bucket").map((bucket): StoragePosture => ({
      id: bucket.urn,
      versioned: bucketPart(plan, "aws:s3/bucketVersioning:BucketVersioning", bucket)?.["versioningConfiguration"]?.status === "Enabled",
      accessLogged: !!bucketPart(plan, "aws:s3/bucketLogging:BucketLogging", bucket)?.["targetBucket"],
      location: String(inputs(bucket)["bucket"] ?? bucket.name),
    }));
  },
  databases(plan) {
    return ofType(plan, "aws:rds/instance:Instance").map((r): DatabasePosture => ({ id: r.urn, deletionProtected: inputs(r)["deletionProtection"] === true, multiZone: inputs(r)["multiAz"] === true }));
  },
  keys(plan) {
    return ofType(plan, "aws:kms/key:Key").map((r) => r.urn);
  },
  ciTrust(plan) {
    return ofType(plan, "aws:iam/role:Role").flatMap((r): CiTrustPosture[] => {
      const text = inputs(r)["assumeRolePolicy"];
      if (typeof text !== "string") return [];
      const statements: any[] = [JSON.parse(text).Statement].flat().filter((s) => [s.Action].flat().includes(webIdentity));
      if (statements.length === 0) return [];
      const subjects = statements.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((c: any) => [c?.[githubSubject] ?? []].flat())) as string[];
      return [{ id: r.urn, subjects }];
    });
  },
};

export const awsConformance: CloudConformance = { inspector: awsInspector, mutations: awsConformanceMutations };
