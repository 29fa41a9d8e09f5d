import type { PlanResource } from "../../lib/plan/model.ts";
import type { PolicyContext } from "../../policy/context.ts";

const digest = `sha256:${"a".repeat(64)}`;

export function res(type: string, name: string, inputs: Record<string, unknown>, stack = "test"): PlanResource {
  return { urn: `urn:pulumi:${stack}::stratum::${type}::${name}`, type, name, parent: null, inputs };
}

export function context(overrides: Partial<PolicyContext> = {}): PolicyContext {
  return {
    stack: "prod-aws",
    environment: "prod",
    cloud: "aws",
    region: "eu-west-1",
    allowedRegions: ["eu-west-1"],
    frameworks: ["soc2", "hipaa", "gdpr", "iso27001"],
    advisoryRules: [],
    requiredTags: ["owner", "cost-center"],
    ...overrides,
  };
}

export const tags = { owner: "platform", "cost-center": "cc-1" };
/** The same tags as the platform labels Kubernetes resources: under its prefix. */
export const labels = { "stratum.io/owner": "platform", "stratum.io/cost-center": "cc-1" };

export const securePod = {
  automountServiceAccountToken: false,
  securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
  containers: [
    {
      name: "api",
      image: `123456789012.dkr.ecr.eu-west-1.amazonaws.com/api@${digest}`,
      securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
      resources: { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "500m", memory: "512Mi" } },
    },
  ],
};

const githubTrust = JSON.stringify({
  Version: "2012-10-17",
  Statement: [
    {
      Effect: "Allow",
      Action: "sts:AssumeRoleWithWebIdentity",
      Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" },
      Condition: { StringEquals: { "token.actions.githubusercontent.com:aud": "sts.amazonaws.com", "token.actions.githubusercontent.com:sub": "repo:acme/shop:environment:prod" } },
    },
  ],
});

/**
 * A secure AWS stack shaped like the platform's prod plan (resources with the SDK's inputs, ids equal to names as
 * under mocks): it passes every rule. Variants mutate one resource each.
 */
export function secureAwsStack(): PlanResource[] {
  const key = "arn:aws:kms:eu-west-1:123456789012:key/1";
  return [
    res("pulumi:providers:aws", "aws", { region: "eu-west-1" }),
    res("stratum:data:Lake", "lake", {}),
    res("aws:kms/key:Key", "key", { enableKeyRotation: true, tags }),
    res("aws:ec2/vpc:Vpc", "vpc", { cidrBlock: "10.0.0.0/16", tags }),
    res("aws:ec2/flowLog:FlowLog", "vpc-flow", { vpcId: "vpc", trafficType: "ALL", tags }),
    res("aws:cloudtrail/trail:Trail", "trail", { isMultiRegionTrail: true, enableLogFileValidation: true, includeGlobalServiceEvents: true, kmsKeyId: key, tags }),
    res("aws:s3/bucket:Bucket", "lake-raw", { bucket: "acme-lake-raw", tags }),
    res("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "lake-raw-pab", { bucket: "acme-lake-raw", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }),
    res("aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "lake-raw-sse", { bucket: "acme-lake-raw", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: key }, bucketKeyEnabled: true }] }),
    res("aws:s3/bucketPolicy:BucketPolicy", "lake-raw-policy", { bucket: "acme-lake-raw", policy: JSON.stringify({ Statement: [{ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }] }) }),
    res("aws:rds/parameterGroup:ParameterGroup", "db-params", { family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }], tags }),
    res("aws:rds/instance:Instance", "db", { engine: "postgres", storageEncrypted: true, kmsKeyId: key, publiclyAccessible: false, deletionProtection: true, multiAz: true, backupRetentionPeriod: 14, parameterGroupName: "db-params", tags }),
    res("aws:eks/cluster:Cluster", "cluster", { enabledClusterLogTypes: ["api", "audit", "authenticator"], vpcConfig: { endpointPublicAccess: false, endpointPrivateAccess: true }, encryptionConfig: { provider: { keyArn: key }, resources: ["secrets"] }, tags }),
    res("aws:ecr/repository:Repository", "api", { imageTagMutability: "IMMUTABLE", imageScanningConfiguration: { scanOnPush: true }, encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: key }], tags }),
    res("aws:iam/role:Role", "ci", { assumeRolePolicy: githubTrust, tags }),
    res("aws:iam/rolePolicy:RolePolicy", "ci-deploy", { role: "ci", policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: ["ecr:PutImage"], Resource: "arn:aws:ecr:eu-west-1:123456789012:repository/api" }] }) }),
    res("kubernetes:core/v1:Namespace", "shop", { metadata: { name: "shop", labels } }),
    res("kubernetes:networking.k8s.io/v1:NetworkPolicy", "shop-deny", { metadata: { name: "default-deny", namespace: "shop" }, spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] } }),
    res("kubernetes:apps/v1:Deployment", "api-deploy", { metadata: { name: "api", namespace: "shop", labels }, spec: { template: { spec: securePod } } }),
  ];
}

/** Replaces the inputs of the resource named `name` (merging), or appends resources. */
export function mutate(resources: readonly PlanResource[], name: string, change: (inputs: Record<string, unknown>) => Record<string, unknown>): PlanResource[] {
  return resources.map((r) => (r.name === name ? { ...r, inputs: change(structuredClone(r.inputs) as Record<string, unknown>) } : r));
}
