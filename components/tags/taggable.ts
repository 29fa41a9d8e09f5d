import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/**
 * Which input property carries tags or labels for a resource type, read from the provider SDK's own type
 * declarations (`<Kind>Args` in `node_modules/@pulumi/<provider>/<module>/<kind>.d.ts`), so the list can never go
 * stale: a type is taggable when its args declare a string map named `tags` (AWS, Azure) or `labels` (GCP).
 */
const require = createRequire(import.meta.url);
const cache = new Map<string, TagProperty | undefined>();

export type TagProperty = "tags" | "labels" | "resourceLabels" | "metadata.labels";

/**
 * The property each provider's taggable types declare, most first. GCP: `labels`, or `resourceLabels` on the few
 * types whose `labels` would mean something else (a GKE cluster's labels are `resourceLabels`; its node pools'
 * Kubernetes node labels are not the platform's).
 */
const packages: Readonly<Record<string, { readonly pkg: string; readonly properties: readonly ("tags" | "labels" | "resourceLabels")[] }>> = {
  aws: { pkg: "@pulumi/aws", properties: ["tags"] },
  gcp: { pkg: "@pulumi/gcp", properties: ["labels", "resourceLabels"] },
  "azure-native": { pkg: "@pulumi/azure-native", properties: ["tags"] },
};

export function tagPropertyOf(type: string): TagProperty | undefined {
  if (cache.has(type)) return cache.get(type);
  const found = lookUp(type);
  cache.set(type, found);
  return found;
}

function lookUp(type: string): TagProperty | undefined {
  const [provider, module, kind] = type.split(":");
  if (provider === "kubernetes") return "metadata.labels";
  const known = provider ? packages[provider] : undefined;
  if (!known || !module || !kind) return undefined;
  // aws/gcp tokens are `aws:s3/bucket:Bucket`; azure-native tokens are `azure-native:storage:StorageAccount`.
  const [folder, file = kind.charAt(0).toLowerCase() + kind.slice(1)] = module.split("/");
  if (!folder) return undefined;
  let source: string;
  try {
    const root = dirname(require.resolve(`${known.pkg}/package.json`));
    source = readFileSync(join(root, folder, `${file}.d.ts`), "utf8");
  } catch {
    return undefined;
  }
  const args = source.match(new RegExp(`export interface ${kind}Args \\{([\\s\\S]*?)\\n\\}`));
  if (!args?.[1]) return undefined;
  const body = args[1];
  return known.properties.find((property) =>
    new RegExp(`\\n\\s+${property}\\?: pulumi\\.Input<\\{\\s*\\[key: string\\]: pulumi\\.Input<string>;?\\s*\\}(\\s*\\|\\s*undefined)?>`).test(body));
}
