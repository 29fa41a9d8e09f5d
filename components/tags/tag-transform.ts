import type * as pulumi from "@pulumi/pulumi";
import type { PlatformSpec } from "../spec/index.ts";
import { tagPropertyOf } from "./taggable.ts";

/**
 * The tags every taggable resource carries. Keys are lowercase kebab-case so the same keys are valid as AWS and
 * Azure tags, GCP labels and Kubernetes labels.
 */
export function platformTags(spec: PlatformSpec): Record<string, string> {
  const added: Record<(typeof platformTagKeys)[number], string> = {
    environment: spec.environment,
    "data-classification": spec.compliance.dataClassification,
    "managed-by": "stratum",
    "stratum-stack": spec.stack,
  };
  return { ...Object.fromEntries(Object.entries(spec.tags).map(([k, v]) => [tagKey(k), v])), ...added };
}

/** The tags the platform adds to the spec's own on every resource; they count against each cloud's tag limit. */
export const platformTagKeys = ["environment", "data-classification", "managed-by", "stratum-stack"] as const;

/** The keys of the tags the spec declares (owner, cost-center and any others), as every resource carries them. */
export function declaredTagKeys(spec: PlatformSpec): string[] {
  return Object.keys(spec.tags).map(tagKey);
}

/** `costCenter` → `cost-center`: one spelling valid as an AWS or Azure tag, a GCP label and a Kubernetes label. */
export function tagKey(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}

/**
 * One transform, set on the Platform component, that tags every taggable resource beneath it. The platform's
 * tags win over a resource's own, so a resource can add tags but never mislabel its owner or environment.
 */
export function tagTransform(tags: Readonly<Record<string, string>>): pulumi.ResourceTransform {
  const labels = Object.fromEntries(Object.entries(tags).map(([k, v]) => [k, labelValue(v)]));
  return (args) => {
    const property = tagPropertyOf(args.type);
    if (!property) return undefined;
    const props = { ...args.props };
    if (property === "metadata.labels") {
      const metadata = (props.metadata ?? {}) as Record<string, unknown>;
      props.metadata = { ...metadata, labels: { ...((metadata.labels ?? {}) as object), ...prefixed(labels) } };
    } else {
      const own = (props[property] ?? {}) as object;
      props[property] = { ...own, ...(property === "tags" ? tags : labels) };
    }
    return { props, opts: args.opts };
  };
}

/** GCP labels and Kubernetes label values: lowercase letters, digits, '-', '_', at most 63 characters. */
function labelValue(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63);
}

/** Kubernetes labels live under this prefix so they never collide with the workload's own labels. */
export const kubernetesLabelPrefix = "stratum.io/";

function prefixed(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [`${kubernetesLabelPrefix}${k}`, v]));
}
