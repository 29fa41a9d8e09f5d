import type { Cloud } from "./schema.ts";
import { platformTagKeys, tagKey } from "../tags/tag-transform.ts";
import type { SpecProblem } from "./resolve.ts";

/**
 * Each cloud's documented limits on resource tags (GCP: labels), applied to `stratum:tags` for the spec's cloud.
 * Keys are checked as resources carry them (`costCenter` becomes `cost-center`), and the count includes the tags
 * the platform adds itself, so a spec that passes here is one every resource can carry.
 */
export interface TagLimits {
  /** Where the numbers come from. */
  readonly source: string;
  readonly maxTags: number;
  readonly keyMax: number;
  readonly valueMax: number;
  /** What a key and a value may contain, and the sentence that says so. */
  readonly key: { readonly pattern: RegExp; readonly allowed: string };
  readonly value: { readonly pattern: RegExp; readonly allowed: string };
  /** Key prefixes the cloud reserves for itself, compared case-insensitively. */
  readonly reservedPrefixes: readonly string[];
}

export const tagLimits: Record<Cloud, TagLimits> = {
  aws: {
    source: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html (tag naming limits and requirements)",
    maxTags: 50,
    keyMax: 128,
    valueMax: 256,
    key: { pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, allowed: "letters, digits, spaces and _ . : / = + - @" },
    value: { pattern: /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, allowed: "letters, digits, spaces and _ . : / = + - @" },
    reservedPrefixes: ["aws:"],
  },
  gcp: {
    // GCP also allows international lowercase letters; ASCII keeps the same labels valid in Kubernetes.
    source: "https://cloud.google.com/compute/docs/labeling-resources#requirements",
    maxTags: 64,
    keyMax: 63,
    valueMax: 63,
    key: { pattern: /^[a-z][a-z0-9_-]*$/, allowed: "lowercase letters, digits, '_' and '-', starting with a letter" },
    value: { pattern: /^[a-z0-9_-]*$/, allowed: "lowercase letters, digits, '_' and '-'" },
    reservedPrefixes: [],
  },
  azure: {
    source: "https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations",
    maxTags: 50,
    keyMax: 512,
    valueMax: 256,
    key: { pattern: /^[^<>%&\\?/]+$/, allowed: "any characters but < > % & \\ ? /" },
    value: { pattern: /^[\s\S]*$/, allowed: "any characters" },
    reservedPrefixes: [],
  },
};

/**
 * Every platform also labels its Kubernetes objects `stratum.io/<key>` (values are rewritten to fit, keys are not),
 * so keys must be valid label names on every cloud.
 * https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#syntax-and-character-set
 */
const kubernetesLabelName = { pattern: /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9])?$/, allowed: "at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit" };

export function tagProblems(cloud: Cloud, tags: Readonly<Record<string, string>>): SpecProblem[] {
  const limits = tagLimits[cloud];
  const problems: SpecProblem[] = [];
  const entries = Object.entries(tags);
  const total = entries.length + platformTagKeys.length;
  if (total > limits.maxTags) {
    problems.push({
      path: ["tags"],
      message: `got ${entries.length} tags, expected at most ${limits.maxTags - platformTagKeys.length}: ${cloud} allows ${limits.maxTags} per resource and the platform adds ${platformTagKeys.length} (${platformTagKeys.join(", ")})`,
    });
  }
  const seen = new Map<string, string>();
  for (const [name, value] of entries) {
    const key = tagKey(name);
    const at = ["tags", name];
    const shown = key === name ? `"${name}"` : `"${name}" (carried as "${key}")`;
    const reserved = limits.reservedPrefixes.find((p) => key.toLowerCase().startsWith(p));
    if (reserved) problems.push({ path: at, message: `key ${shown} starts with "${reserved}", which ${cloud} reserves for itself` });
    else if (key.length > limits.keyMax) problems.push({ path: at, message: `key ${shown} is ${key.length} characters, expected at most ${limits.keyMax} on ${cloud}` });
    else if (!limits.key.pattern.test(key)) problems.push({ path: at, message: `key ${shown} is not a valid ${cloud} tag key, expected ${limits.key.allowed}` });
    else if (!kubernetesLabelName.pattern.test(key)) problems.push({ path: at, message: `key ${shown} is not a valid Kubernetes label name, expected ${kubernetesLabelName.allowed}` });
    if ((platformTagKeys as readonly string[]).includes(key)) problems.push({ path: at, message: `key ${shown} is set by the platform itself; choose another key` });
    const other = seen.get(key);
    if (other !== undefined) problems.push({ path: at, message: `key "${name}" and "${other}" are both carried as "${key}"` });
    seen.set(key, name);
    if (value.length > limits.valueMax) problems.push({ path: at, message: `value is ${value.length} characters, expected at most ${limits.valueMax} on ${cloud}` });
    else if (!limits.value.pattern.test(value)) problems.push({ path: at, message: `got ${JSON.stringify(value)}, expected a ${cloud} tag value of ${limits.value.allowed}` });
  }
  return problems;
}
