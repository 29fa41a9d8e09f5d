import { asArray, get } from "../inputs.ts";
import { publicMembers } from "../properties/public-principal.ts";
import type { Rule } from "../rule.ts";
import { bucketsLacking } from "./aws-s3.ts";
import { byType, problems, type TypeCheck } from "./by-type.ts";
import { controlSets } from "./controls.ts";
import { forGcpIam, gcpMembers } from "./gcp-iam.ts";

/** A GCP grant to allUsers or allAuthenticatedUsers, on whatever the IAM resource names. */
export const gcpPublicGrant = (what: string): TypeCheck => (i) => {
  const open = publicMembers(gcpMembers(i));
  return open.length > 0 ? `${what} is granted to ${open.join(", ")} (${String(i["role"] ?? "a role")})` : undefined;
};
/** A BigQuery access entry names everyone through specialGroup or iamMember. */
const datasetAccessOpen = (entry: unknown): string[] => publicMembers([get(entry, "specialGroup"), get(entry, "iamMember")]);
const publicAcls = ["public-read", "public-read-write", "authenticated-read"];
const blockFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const noPublicData: Rule = {
  id: "no-public-data",
  description: "Buckets, datasets, storage accounts and containers are never public.",
  severity: "critical",
  remediation: "AWS: give every bucket a BucketPublicAccessBlock with all four flags true and no public ACL. GCP: publicAccessPrevention \"enforced\" and uniformBucketLevelAccess true; no allUsers/allAuthenticatedUsers members on buckets or datasets. Azure: allowBlobPublicAccess false and containers with publicAccess \"None\".",
  controls: controlSets.noPublicAccess,
  ...byType({
    "aws:s3/bucket:Bucket": (i) => (publicAcls.includes(String(i["acl"])) ? `bucket ACL "${String(i["acl"])}" is public` : undefined),
    "aws:s3/bucketAcl:BucketAcl": (i) => (publicAcls.includes(String(i["acl"])) ? `bucket ACL "${String(i["acl"])}" is public` : undefined),
    "gcp:storage/bucket:Bucket": (i) =>
      problems([i["publicAccessPrevention"] !== "enforced", `publicAccessPrevention is not "enforced"`], [i["uniformBucketLevelAccess"] !== true, "uniformBucketLevelAccess is not true"]),
    ...forGcpIam(["bucket"], gcpPublicGrant("bucket")),
    ...forGcpIam(["dataset"], gcpPublicGrant("dataset")),
    "gcp:bigquery/datasetAccess:DatasetAccess": (i) => {
      const open = datasetAccessOpen(i);
      return open.length > 0 ? `dataset is granted to ${open.join(", ")}` : undefined;
    },
    "azure-native:storage:StorageAccount": (i) => (i["allowBlobPublicAccess"] === false ? undefined : "allowBlobPublicAccess is not false"),
    "azure-native:storage:BlobContainer": (i) => (i["publicAccess"] === undefined || i["publicAccess"] === "None" ? undefined : `container publicAccess is "${String(i["publicAccess"])}"`),
  }),
  checkStack: (resources) =>
    bucketsLacking(
      resources,
      ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock"],
      (block) => blockFlags.every((flag) => block.inputs[flag] === true),
      (bucket) => `bucket ${bucket.name} has no BucketPublicAccessBlock with ${blockFlags.join(", ")} all true`,
    ),
};

export const noPublicDatabase: Rule = {
  id: "no-public-database",
  description: "Databases and the warehouse are not reachable from the internet.",
  severity: "critical",
  remediation: "AWS: publiclyAccessible false on RDS instances and Redshift Serverless workgroups. GCP: settings.ipConfiguration.ipv4Enabled false (private services access); no allUsers in dataset access. Azure: network.publicNetworkAccess \"Disabled\" on the Flexible Server and publicNetworkAccess \"Disabled\" on the Synapse workspace.",
  controls: controlSets.noPublicAccess,
  ...byType({
    "aws:rds/instance:Instance": (i) => (i["publiclyAccessible"] === true ? "database is publicly accessible (publiclyAccessible true)" : undefined),
    "aws:redshiftserverless/workgroup:Workgroup": (i) => (i["publiclyAccessible"] === true ? "warehouse is publicly accessible (publiclyAccessible true)" : undefined),
    "gcp:sql/databaseInstance:DatabaseInstance": (i) => (get(i, "settings.ipConfiguration.ipv4Enabled") === false ? undefined : "database has a public IPv4 address (settings.ipConfiguration.ipv4Enabled is not false)"),
    "gcp:bigquery/dataset:Dataset": (i) =>
      asArray(i["accesses"]).some((a) => datasetAccessOpen(a).length > 0)
        ? "dataset grants access to allUsers or allAuthenticatedUsers"
        : undefined,
    "azure-native:dbforpostgresql:Server": (i) => (get(i, "network.publicNetworkAccess") === "Disabled" ? undefined : `database public network access is not "Disabled" (network.publicNetworkAccess)`),
    "azure-native:synapse:Workspace": (i) => (i["publicNetworkAccess"] === "Disabled" ? undefined : `warehouse public network access is not "Disabled"`),
  }),
};

export const privateClusterEndpoint: Rule = {
  id: "private-cluster-endpoint",
  description: "In prod the Kubernetes API endpoint is private.",
  severity: "high",
  remediation: "AWS: vpcConfig.endpointPublicAccess false (endpointPrivateAccess true). GCP: privateClusterConfig.enablePrivateEndpoint true. Azure: apiServerAccessProfile.enablePrivateCluster true. Reach the API through the VPN/bastion or the CI runner's private network.",
  controls: controlSets.noPublicAccess,
  ...byType({
    "aws:eks/cluster:Cluster": (i, ctx) => (ctx.environment === "prod" && get(i, "vpcConfig.endpointPublicAccess") !== false ? "prod cluster API endpoint is public (vpcConfig.endpointPublicAccess is not false)" : undefined),
    "gcp:container/cluster:Cluster": (i, ctx) =>
      ctx.environment === "prod" && get(i, "privateClusterConfig.enablePrivateEndpoint") !== true ? "prod cluster API endpoint is public (privateClusterConfig.enablePrivateEndpoint is not true)" : undefined,
    "azure-native:containerservice:ManagedCluster": (i, ctx) =>
      ctx.environment === "prod" && get(i, "apiServerAccessProfile.enablePrivateCluster") !== true ? "prod cluster API endpoint is public (apiServerAccessProfile.enablePrivateCluster is not true)" : undefined,
  }),
};
