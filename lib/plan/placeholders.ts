/**
 * Values the cloud would assign (ids, ARNs, endpoints), for the offline plan. They are placeholders, never
 * results: account `000000000000`, subscription and project ids of zeros, hosts under `.offline.invalid` (a
 * reserved name that can never resolve). Drivers read them only to wire resources together.
 */
export const placeholderAccount = "000000000000";
export const placeholderSubscription = "00000000-0000-0000-0000-000000000000";
export const placeholderProject = "offline-project";
export const placeholderDomain = "offline.invalid";

/**
 * The id the cloud would assign. Offline it is the resource's physical name where the cloud uses that as the id
 * (an S3 bucket's), else its logical name, so a reference to a resource (`vpcId`, `bucket`) names the resource it
 * points at: the policy rules follow references that way.
 */
export function placeholderId(type: string, name: string, inputs: Record<string, unknown>): string {
  if (type === "aws:s3/bucket:Bucket") return String(inputs["bucket"] ?? name);
  return name;
}

/** Computed outputs per provider, merged over the inputs a resource was registered with. */
export function computedOutputs(type: string, name: string, inputs: Record<string, unknown>, region: string): Record<string, unknown> {
  const [provider = "", module = "", kind = ""] = type.split(":");
  const service = module.split("/")[0] ?? module;
  switch (provider) {
    case "aws":
      return {
        // IAM and CloudFront are global: their ARNs carry no region.
        arn: `arn:aws:${service}:${globalAwsServices.has(service) ? "" : region}:${placeholderAccount}:${kind.toLowerCase()}/${name}`,
        ...(inputs["name"] === undefined ? { name } : {}),
        ...(awsExtras[type]?.(name, inputs, region) ?? {}),
      };
    case "gcp":
      return {
        ...(inputs["name"] === undefined ? { name } : {}),
        selfLink: `https://www.googleapis.com/${service}/v1/projects/${placeholderProject}/${kind.toLowerCase()}s/${name}`,
      };
    case "azure-native":
      return {
        ...(inputs["name"] === undefined ? { name } : {}),
        azureId: `/subscriptions/${placeholderSubscription}/providers/${module}/${kind}/${name}`,
      };
    default:
      return {};
  }
}

const globalAwsServices = new Set(["iam", "cloudfront"]);

/** Attributes other resources read that the cloud computes, per AWS type. */
const awsExtras: Record<string, (name: string, inputs: Record<string, unknown>, region: string) => Record<string, unknown>> = {
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
