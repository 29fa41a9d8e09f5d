import type { OfflineAnswers } from "../../cloud-module.ts";
import { placeholderDomain } from "../../../lib/plan/placeholders.ts";

/** The AWS account of every offline plan: twelve zeros, an account no one owns. */
export const placeholderAccount = "000000000000";

/**
 * AWS's answers for the offline plan: the provider functions the drivers call, the ids and the computed outputs
 * other resources read. An invoke without an answer fails the plan loudly: an invented result would be a faked
 * cloud answer.
 */
export const awsOffline: OfflineAnswers = {
  invoke(token, inputs, region) {
    switch (token) {
      case "aws:index/getRegion:getRegion":
        return { name: region, region, id: region, description: region, endpoint: `ec2.${region}.${placeholderDomain}` };
      case "aws:index/getCallerIdentity:getCallerIdentity":
        return { accountId: placeholderAccount, arn: `arn:aws:iam::${placeholderAccount}:role/offline-plan`, userId: "offline-plan", id: placeholderAccount };
      case "aws:index/getPartition:getPartition":
        return { partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws", id: "aws" };
      case "aws:index/getAvailabilityZones:getAvailabilityZones":
        return { names: ["a", "b", "c"].map((z) => `${region}${z}`), zoneIds: [1, 2, 3].map((n) => `use1-az${n}`), id: region, groupNames: [] };
      case "aws:ec2/getPrefixList:getPrefixList": {
        // AWS-managed prefix lists (com.amazonaws.<region>.s3, ...) by name: the id is the cloud's, a placeholder here.
        const name = inputs["name"];
        if (typeof name !== "string") break;
        const id = `pl-${name.replace(/[^a-z0-9]+/g, "-")}`;
        return { id, prefixListId: id, name, cidrBlocks: [], region };
      }
    }
    throw new Error(`the offline plan has no answer for the provider function ${token} (inputs ${JSON.stringify(inputs)}); compute the value in the program or add it to components/clouds/aws/offline.ts`);
  },

  // An S3 bucket's id is its name; elsewhere the logical name, so a reference to a resource (`vpcId`, `bucket`)
  // names the resource it points at: the policy rules follow references that way.
  resourceId: (type, name, inputs) => (type === "aws:s3/bucket:Bucket" ? String(inputs["bucket"] ?? name) : name),

  computedOutputs(type, name, inputs, region) {
    const [provider = "", module = "", kind = ""] = type.split(":");
    // Only AWS's own types: the stack's Kubernetes resources and providers compute nothing offline.
    if (provider !== "aws") return {};
    const service = module.split("/")[0] ?? module;
    return {
      // IAM and CloudFront are global: their ARNs carry no region.
      arn: `arn:aws:${service}:${globalServices.has(service) ? "" : region}:${placeholderAccount}:${kind.toLowerCase()}/${name}`,
      ...(inputs["name"] === undefined ? { name } : {}),
      ...(extras[type]?.(name, inputs, region) ?? {}),
    };
  },
};

const globalServices = new Set(["iam", "cloudfront"]);

/** Attributes other resources read that AWS computes, per type. */
const extras: Record<string, (name: string, inputs: Readonly<Record<string, unknown>>, region: string) => Record<string, unknown>> = {
  "aws:eks/cluster:Cluster": (name, inputs, region) => ({
    endpoint: `https://${name}.eks.${region}.${placeholderDomain}`,
    vpcConfig: { ...(inputs["vpcConfig"] as object | undefined), clusterSecurityGroupId: `sg-${name}-cluster` },
    identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.${placeholderDomain}/id/${name}` }] }],
    certificateAuthority: { data: "b2ZmbGluZS1wbGFjZWhvbGRlcg==" },
  }),
  "aws:ecr/repository:Repository": (name, inputs, region) => ({
    repositoryUrl: `${placeholderAccount}.dkr.ecr.${region}.${placeholderDomain}/${String(inputs["name"] ?? name)}`,
  }),
  "aws:s3/bucket:Bucket": (name, inputs, region) => ({
    arn: `arn:aws:s3:::${String(inputs["bucket"] ?? name)}`,
    bucket: inputs["bucket"] ?? name,
    bucketRegionalDomainName: `${String(inputs["bucket"] ?? name)}.s3.${region}.${placeholderDomain}`,
  }),
  "aws:kms/key:Key": (name) => ({ keyId: `${name}-key-id` }),
  // A role's ARN carries its IAM path (`role/<path>/<name>`), which policies may scope to.
  "aws:iam/role:Role": (name, inputs) => ({ arn: `arn:aws:iam::${placeholderAccount}:role${String(inputs["path"] ?? "/")}${String(inputs["name"] ?? name)}` }),
  "aws:ec2/launchTemplate:LaunchTemplate": () => ({ latestVersion: 1 }),
  "aws:rds/instance:Instance": (name, inputs, region) => {
    const host = `${String(inputs["identifier"] ?? name)}.rds.${region}.${placeholderDomain}`;
    const port = (inputs["port"] as number | undefined) ?? 5432;
    return {
      resourceId: `db-${name.toUpperCase().replace(/[^A-Z0-9]/g, "")}`,
      address: host,
      endpoint: `${host}:${port}`,
      port,
      masterUserSecrets: inputs["manageMasterUserPassword"] ? [{ secretArn: `arn:aws:secretsmanager:${region}:${placeholderAccount}:secret:rds!${name}`, secretStatus: "active" }] : [],
    };
  },
  "aws:redshiftserverless/namespace:Namespace": (name) => ({ namespaceId: `${name}-namespace-id` }),
  "aws:redshiftserverless/workgroup:Workgroup": (name, inputs, region) => ({
    arn: `arn:aws:redshift-serverless:${region}:${placeholderAccount}:workgroup/${name}`,
    endpoints: [{ address: `${String(inputs["workgroupName"] ?? name)}.redshift-serverless.${region}.${placeholderDomain}`, port: inputs["port"] ?? 5439 }],
  }),
  "aws:cloudfront/distribution:Distribution": (name) => ({ domainName: `${name}.cloudfront.${placeholderDomain}`, hostedZoneId: "offline-zone" }),
};
