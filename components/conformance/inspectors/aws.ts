import type { PlanResource } from "../../../lib/plan/model.ts";
import { wildcardGrants, type PlainPolicy } from "../../clouds/aws/iam-policy.ts";
// The security properties are defined once, with the policy rules: the suite asks the same questions of the plan.
import { securityGroupsOpenToInternet } from "../../../policy/rules/network.ts";
import { deniesInsecureTransport, parametersForceSsl, workgroupRequiresSsl } from "../../../policy/properties/tls-only.ts";
import type { Plan, AuditPosture, CiTrustPosture, ClusterPosture, DataStorePosture, Inspector, KeyPosture, StoragePosture } from "../inspector.ts";

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

export const awsInspector: Inspector = {
  storage(plan) {
    return ofType(plan, "aws:s3/bucket:Bucket").map((bucket): StoragePosture => {
      const block = bucketPart(plan, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", bucket);
      const sse = bucketPart(plan, "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", bucket)?.["rules"]?.[0];
      const versioning = bucketPart(plan, "aws:s3/bucketVersioning:BucketVersioning", bucket);
      const policyText = bucketPart(plan, "aws:s3/bucketPolicy:BucketPolicy", bucket)?.["policy"];
      const logging = bucketPart(plan, "aws:s3/bucketLogging:BucketLogging", bucket);
      const statements: any[] = typeof policyText === "string" ? [JSON.parse(policyText).Statement].flat() : [];
      return {
        id: bucket.urn,
        publicAccessBlocked: !!block && ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].every((k) => block[k] === true),
        customerManagedKey: sse?.applyServerSideEncryptionByDefault?.sseAlgorithm === "aws:kms" && !!sse.applyServerSideEncryptionByDefault.kmsMasterKeyId,
        tlsOnly: deniesInsecureTransport({ Statement: statements }),
        versioned: versioning?.["versioningConfiguration"]?.status === "Enabled",
        accessLogged: !!logging?.["targetBucket"],
        location: String(inputs(bucket)["bucket"] ?? bucket.name),
      };
    });
  },
  dataStores(plan) {
    const parameterGroups = ofType(plan, "aws:rds/parameterGroup:ParameterGroup");
    const databases = ofType(plan, "aws:rds/instance:Instance").map((r): DataStorePosture => {
      const i = inputs(r);
      const group = parameterGroups.find((g) => g.name === i["parameterGroupName"] || inputs(g)["name"] === i["parameterGroupName"]);
      const parameters: any[] = group ? inputs(group)["parameters"] ?? [] : [];
      return {
        id: r.urn,
        kind: "database",
        customerManagedKey: i["storageEncrypted"] === true && !!i["kmsKeyId"],
        publiclyAccessible: i["publiclyAccessible"] !== false,
        tlsRequired: parametersForceSsl(i["engine"], parameters),
        deletionProtected: i["deletionProtection"] === true,
        multiZone: i["multiAz"] === true,
      };
    });
    const namespaces = ofType(plan, "aws:redshiftserverless/namespace:Namespace");
    const warehouses = ofType(plan, "aws:redshiftserverless/workgroup:Workgroup").map((r): DataStorePosture => {
      const i = inputs(r);
      const namespace = namespaces.find((n) => inputs(n)["namespaceName"] === i["namespaceName"]);
      // Redshift Serverless spreads a workgroup over the subnets' zones and keeps recovery points itself.
      return {
        id: r.urn,
        kind: "warehouse",
        customerManagedKey: !!namespace && !!inputs(namespace)["kmsKeyId"],
        publiclyAccessible: i["publiclyAccessible"] !== false,
        tlsRequired: workgroupRequiresSsl(i["configParameters"] ?? []),
        deletionProtected: false,
        multiZone: (i["subnetIds"]?.length ?? 0) > 1,
      };
    });
    return [...databases, ...warehouses];
  },
  clusters(plan) {
    return ofType(plan, "aws:eks/cluster:Cluster").map((r): ClusterPosture => {
      const i = inputs(r);
      return {
        id: r.urn,
        publicEndpoint: i["vpcConfig"]?.endpointPublicAccess !== false,
        publicAccessCidrs: i["vpcConfig"]?.publicAccessCidrs ?? [],
        secretsEncryptedWithCustomerKey: (i["encryptionConfig"]?.resources ?? []).includes("secrets") && !!i["encryptionConfig"]?.provider?.keyArn,
      };
    });
  },
  keys(plan) {
    return ofType(plan, "aws:kms/key:Key").map((r): KeyPosture => ({ id: r.urn, rotation: inputs(r)["enableKeyRotation"] === true }));
  },
  audit(plan) {
    return ofType(plan, "aws:cloudtrail/trail:Trail").map((r): AuditPosture => {
      const i = inputs(r);
      return { id: r.urn, allRegions: i["isMultiRegionTrail"] === true && i["includeGlobalServiceEvents"] === true, tamperEvident: i["enableLogFileValidation"] === true, customerManagedKey: !!i["kmsKeyId"] };
    });
  },
  broadGrants(plan) {
    return awsPolicies(plan).flatMap(({ urn, document }) => wildcardGrants(document).map((problem) => `${urn}: ${problem}`));
  },
  internetIngress(plan) {
    return securityGroupsOpenToInternet(plan.resources).map((f) => `${f.urn}: ${f.message}`);
  },
  ciTrust(plan) {
    return ofType(plan, "aws:iam/role:Role").flatMap((r): CiTrustPosture[] => {
      const text = inputs(r)["assumeRolePolicy"];
      if (typeof text !== "string") return [];
      const statements: any[] = [JSON.parse(text).Statement].flat().filter((s) => s.Action === "sts:AssumeRoleWithWebIdentity" || [s.Action].flat().includes("sts:AssumeRoleWithWebIdentity"));
      if (statements.length === 0) return [];
      const values = (key: string) => statements.flatMap((s) => Object.values(s.Condition ?? {}).flatMap((c: any) => [c?.[key] ?? []].flat())) as string[];
      const patternMatched = statements.some((s) => Object.keys(s.Condition ?? {}).some((op) => op.includes("Like")) || values("token.actions.githubusercontent.com:sub").some((v) => v.includes("*") || v.includes("?")));
      return [{ id: r.urn, subjects: values("token.actions.githubusercontent.com:sub"), audiences: values("token.actions.githubusercontent.com:aud"), patternMatched }];
    });
  },
};
