import { asArray, get } from "../inputs.ts";
import type { Rule } from "../rule.ts";
import { bucketsLacking } from "./aws-s3.ts";
import { byType, problems } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const publicPrincipals = ["allUsers", "allAuthenticatedUsers"];
const publicAcls = ["public-read", "public-read-write", "authenticated-read"];
const blockFlags = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"];

export const noPublicData: Rule = {
  id: "no-public-data",
  description: "Buckets, storage accounts and containers are never public.",
  severity: "critical",
  remediation: "AWS: give every bucket a BucketPublicAccessBlock with all four flags true and no public ACL. GCP: publicAccessPrevention \"enforced\" and uniformBucketLevelAccess true; no allUsers/allAuthenticatedUsers bindings. Azure: allowBlobPublicAccess false and containers with publicAccess \"None\".",
  controls: controlSets.noPublicAccess,
  ...byType({
    "aws:s3/bucket:Bucket": (i) => (publicAcls.includes(String(i["acl"])) ? `bucket ACL "${String(i["acl"])}" is public` : undefined),
    "aws:s3/bucketAcl:BucketAcl": (i) => (publicAcls.includes(String(i["acl"])) ? `bucket ACL "${String(i["acl"])}" is public` : undefined),
    "gcp:storage/bucket:Bucket": (i) =>
      problems([i["publicAccessPrevention"] !== "enforced", `publicAccessPrevention is not "enforced"`], [i["uniformBucketLevelAccess"] !== true, "uniformBucketLevelAccess is not true"]),
    "gcp:storage/bucketIAMMember:BucketIAMMember": (i) => (publicPrincipals.includes(String(i["member"])) ? `bucket is granted to ${String(i["member"])}` : undefined),
    "gcp:storage/bucketIAMBinding:BucketIAMBinding": (i) => {
      const open = asArray(i["members"]).filter((m) => publicPrincipals.includes(String(m)));
      return open.length > 0 ? `bucket is granted to ${open.join(", ")}` : undefined;
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
      asArray(i["accesses"]).some((a) => publicPrincipals.includes(String(get(a, "specialGroup"))) || publicPrincipals.includes(String(get(a, "iamMember"))))
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
