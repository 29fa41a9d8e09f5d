import { asRecord, get } from "../inputs.ts";
import type { Rule, RuleResource } from "../rule.ts";
import { controlSets } from "./controls.ts";

/**
 * Types that must carry tags even when a resource declares none (a missing `tags` key is exactly the violation).
 * Any other resource is checked when its inputs have a `tags` (AWS, Azure) or `labels` (GCP) key.
 */
export const taggableTypes = [
  "aws:s3/bucket:Bucket", "aws:rds/instance:Instance", "aws:rds/cluster:Cluster", "aws:eks/cluster:Cluster", "aws:eks/nodeGroup:NodeGroup",
  "aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:kms/key:Key", "aws:ecr/repository:Repository", "aws:cloudfront/distribution:Distribution",
  "aws:iam/role:Role", "aws:redshiftserverless/namespace:Namespace", "aws:redshiftserverless/workgroup:Workgroup", "aws:cloudtrail/trail:Trail",
  "gcp:storage/bucket:Bucket", "gcp:bigquery/dataset:Dataset", "gcp:artifactregistry/repository:Repository", "gcp:kms/cryptoKey:CryptoKey",
  "azure-native:resources:ResourceGroup", "azure-native:storage:StorageAccount", "azure-native:dbforpostgresql:Server",
  "azure-native:containerservice:ManagedCluster", "azure-native:containerregistry:Registry", "azure-native:keyvault:Vault", "azure-native:network:VirtualNetwork",
  "kubernetes:core/v1:Namespace", "kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:DaemonSet",
];

/** GCP and Kubernetes label keys are lower case: `costCenter` may appear as `costcenter`, `cost-center` or `cost_center`. */
export function keySpellings(key: string): string[] {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[\s_-]+/);
  return [key, key.toLowerCase(), words.join("-"), words.join("_")];
}

function carriedTags(resource: RuleResource): Record<string, unknown> | undefined {
  if (resource.type.startsWith("kubernetes:")) return get(resource.inputs, "metadata") === undefined ? undefined : asRecord(get(resource.inputs, "metadata.labels"));
  if (resource.type.startsWith("gcp:")) return "labels" in resource.inputs || taggableTypes.includes(resource.type) ? asRecord(resource.inputs["labels"]) : undefined;
  return "tags" in resource.inputs || taggableTypes.includes(resource.type) ? asRecord(resource.inputs["tags"]) : undefined;
}

export const requiredTags: Rule = {
  id: "required-tags",
  description: "Taggable resources carry the stack's required tags (labels on GCP and Kubernetes): owner, cost center and the others the spec declares.",
  severity: "low",
  remediation: "Let the platform's tag transform apply the spec's tags; do not override `tags`/`labels` on a resource without merging them.",
  controls: controlSets.inventory,
  check: (resource, ctx) => {
    if (resource.type.startsWith("pulumi:providers:")) return [];
    if (resource.type.startsWith("kubernetes:") && !taggableTypes.includes(resource.type)) return [];
    const tags = carriedTags(resource);
    if (tags === undefined) return [];
    const missing = ctx.requiredTags.filter((key) => !keySpellings(key).some((k) => typeof tags[k] === "string" && tags[k] !== ""));
    return missing.length === 0 ? [] : [`missing required tag${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`];
  },
};
