import { asRecord, get } from "../inputs.ts";
import { tagPropertyOf } from "../../components/tags/taggable.ts";
import { kubernetesLabelPrefix } from "../../components/tags/tag-transform.ts";
import type { Rule, RuleResource } from "../rule.ts";
import { controlSets } from "./controls.ts";

/** Kubernetes kinds that must carry the platform's labels (the tag transform labels every kind; these are checked). */
export const labelledKubernetesKinds = ["kubernetes:core/v1:Namespace", "kubernetes:apps/v1:Deployment", "kubernetes:apps/v1:StatefulSet", "kubernetes:apps/v1:DaemonSet", "kubernetes:batch/v1:Job"];

/** GCP and Kubernetes label keys are lower case: `costCenter` may appear as `costcenter`, `cost-center` or `cost_center`. */
export function keySpellings(key: string): string[] {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase().split(/[\s_-]+/);
  return [key, key.toLowerCase(), words.join("-"), words.join("_")];
}

/**
 * The tags a resource carries, or undefined when its type takes none. Whether a cloud type takes tags is read
 * from the provider SDK's own declarations (`tagPropertyOf`), so a new taggable type is checked without a list.
 */
function carriedTags(resource: RuleResource): Record<string, unknown> | undefined {
  if (resource.type.startsWith("kubernetes:")) {
    if (!labelledKubernetesKinds.includes(resource.type)) return undefined;
    const labels = asRecord(get(resource.inputs, "metadata.labels")) ?? {};
    return Object.fromEntries(Object.entries(labels).flatMap(([k, v]) => (k.startsWith(kubernetesLabelPrefix) ? [[k.slice(kubernetesLabelPrefix.length), v]] : [])));
  }
  const property = tagPropertyOf(resource.type);
  return property === undefined ? undefined : (asRecord(get(resource.inputs, property)) ?? {});
}

export const requiredTags: Rule = {
  id: "required-tags",
  description: "Taggable resources carry the stack's required tags (labels on GCP and Kubernetes): owner, cost center and the others the spec declares.",
  severity: "low",
  remediation: "Let the platform's tag transform apply the spec's tags; do not override `tags`/`labels` on a resource without merging them.",
  controls: controlSets.inventory,
  check: (resource, ctx) => {
    if (resource.type.startsWith("pulumi:providers:")) return [];
    const tags = carriedTags(resource);
    if (tags === undefined) return [];
    const missing = ctx.requiredTags.filter((key) => !keySpellings(key).some((k) => typeof tags[k] === "string" && tags[k] !== ""));
    return missing.length === 0 ? [] : [`missing required tag${missing.length === 1 ? "" : "s"} ${missing.join(", ")}`];
  },
};
