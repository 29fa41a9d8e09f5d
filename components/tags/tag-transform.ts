import type * as pulumi from "@pulumi/pulumi";
import type { PlatformSpec } from "../spec/index.ts";
import { tagPropertyOf } from "./taggable.ts";

/**
 * The tags every taggable resource carries. Keys are lowercase kebab-case so the same keys are valid as AWS and
 * Azure tags, GCP labels and Kubernetes labels.
 */
export function platformTags(spec: PlatformSpec): Record<string, string> {
  const extra = Object.fromEntries(Object.entries(spec.tags).filter(([k]) => k !== "owner" && k !== "costCenter").map(([k, v]) => [kebab(k), v]));
  return {
    ...extra,
    owner: spec.tags.owner ?? "",
    "cost-center": spec.tags.costCenter ?? "",
    environment: spec.environment,
    "data-classification": spec.compliance.dataClassification,
    "managed-by": "stratum",
    "stratum-stack": spec.stack,
  };
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
      props[property] = { ...own, ...(property === "labels" ? labels : tags) };
    }
    return { props, opts: args.opts };
  };
}

/** GCP labels and Kubernetes label values: lowercase letters, digits, '-', '_', at most 63 characters. */
function labelValue(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9_-]/g, "-").slice(0, 63);
}

/** Kubernetes labels live under a prefix so they never collide with the workload's own labels. */
function prefixed(labels: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(labels).map(([k, v]) => [`stratum.io/${k}`, v]));
}

function kebab(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase();
}
