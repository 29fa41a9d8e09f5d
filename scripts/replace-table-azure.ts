/*
 * Writes lib/plan/diff/replace/azure-native.json: for every `azure-native:` type the example stacks plan, the
 * inputs on which `@pulumi/azure-native` replaces the resource, as far as they can be established from the
 * provider's own source without its metadata (bin/metadata-compact.json, built from the REST specs and too big
 * for the file store). The provider's Diff (pulumi/pulumi-azure-native provider/pkg/provider/diff.go,
 * `calculateDetailedDiff`) replaces on:
 *   1. every parameter of the resource's PUT path (its name, its parent's names, resourceGroupName, scope);
 *   2. body properties marked ForceNew, top-level or one level down (an object's or an array item's property):
 *      the generator (provider/pkg/gen) marks a property ForceNew when its REST spec `x-ms-mutability` lacks
 *      "update" (top level only), or when the hand-kept `forceNewMap` (provider/pkg/gen/replacement.go) names it.
 * (1) is read per type from the SDK, which pulumi-azure-native generates from the same spec: the parameters of
 * the type's `get<Resource>` function (a GET on the resource's own path) that are also inputs of the resource.
 * (2) is transcribed from replacement.go for the types it names. What the specs' x-ms-mutability marks is not
 * available here, so no type is complete: an input not listed stays unknown, never a guess.
 *
 *   node scripts/replace-table-azure.ts PLANS_DIR
 */
import { readFileSync } from "node:fs";
import { plannedTypes, writeTable } from "./replace-table/plans.ts";
import { sdkInterface } from "./replace-table/pulumi-names.ts";
import type { TypeSource } from "../lib/plan/diff/replace-tables.ts";

const [plansDir] = process.argv.slice(2);
if (!plansDir) {
  console.error("usage: node scripts/replace-table-azure.ts PLANS_DIR");
  process.exit(2);
}

const diffGo = { path: "provider/pkg/provider/diff.go", commit: "03707ff7fc10b70f7dd23ec847a3ce1e9264c124" };
const replacementGo = { path: "provider/pkg/gen/replacement.go", commit: "1b7112af33c62b247daed1028686bf279f4d5e69" };

/**
 * pulumi-azure-native provider/pkg/gen/replacement.go `forceNewMap`, for the types the stacks use, as Pulumi input
 * paths. A name there matches a property of the resource or of its types; diff.go applies a type's only one level
 * down, so a match deeper than that (AgentPoolNetworkProfile.nodePublicIPTags inside agentPoolProfiles[]) is
 * listed as conditional: it depends on which provider build generated the shared type.
 */
const forceNewMap: Record<string, { replaces: string[]; conditional?: string[] }> = {
  "azure-native:authorization:RoleAssignment": { replaces: [".principalId", ".scope"] },
  "azure-native:cdn:Profile": { replaces: [".location", ".sku.name"] },
  "azure-native:containerservice:ManagedCluster": {
    replaces: [
      ".diskEncryptionSetID",
      ".dnsPrefix",
      ".fqdnSubdomain",
      ".linuxProfile",
      ".location",
      ".nodeResourceGroup",
      ".windowsProfile",
      ...["serviceCidr", "serviceCidrs", "dnsServiceIP", "networkMode", "networkPlugin", "networkPluginMode", "podCidr", "networkDataplane", "networkPolicy", "outboundType"].map((p) => `.networkProfile.${p}`),
    ],
    conditional: [".agentPoolProfiles[*].networkProfile.nodePublicIPTags"],
  },
  "azure-native:network:PrivateEndpoint": { replaces: [".subnet"] },
  "azure-native:network:PublicIPAddress": { replaces: [".location", ".publicIPAddressVersion", ".publicIPPrefix", ".sku"] },
  "azure-native:network:VirtualNetwork": { replaces: [".location"] },
  "azure-native:resources:ResourceGroup": { replaces: [".location"] },
  "azure-native:storage:BlobContainer": { replaces: [] },
  "azure-native:storage:StorageAccount": { replaces: [".isHnsEnabled", ".location"] },
};

const sdk = new URL("../node_modules/@pulumi/azure-native/", import.meta.url).pathname;
const sdkVersion = (JSON.parse(readFileSync(`${sdk}package.json`, "utf8")) as { version: string }).version;
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
const types: Record<string, string[]> = {};
const typeSources: Record<string, TypeSource> = {};
for (const type of plannedTypes(plansDir, "azure-native")) {
  const [, mod = "", name = ""] = type.split(":");
  const args = sdkInterface(sdk, mod, lowerFirst(name), `${name}Args`);
  if (!args) throw new Error(`${type}: no ${name}Args in @pulumi/azure-native ${mod}/${lowerFirst(name)}.d.ts`);
  const get = sdkInterface(sdk, mod, `get${name}`, `Get${name}Args`);
  const path = get ? Object.keys(get).filter((p) => p in args).map((p) => `.${p}`) : [];
  const mapped = forceNewMap[type];
  for (const p of mapped?.replaces ?? []) if (!(p.split(/[.[]/)[1] as string in args)) throw new Error(`${type}: ${p} from replacement.go is not an input of @pulumi/azure-native ${sdkVersion}`);
  types[type] = [...new Set([...path, ...(mapped?.replaces ?? [])])].sort();
  const files = [`@pulumi/azure-native ${sdkVersion} ${mod}/get${name}.d.ts`, ...(mapped ? [replacementGo.path] : [])];
  const note = [
    get ? `path parameters from ${files[0]} (Get${name}Args that are inputs)` : `no get${name} function in the SDK: the path parameters are not established`,
    mapped ? `forceNewMap in ${replacementGo.path}` : undefined,
    "properties the REST spec marks create-only (x-ms-mutability without update) are not read here",
  ].filter(Boolean);
  typeSources[type] = { path: files.join(" + "), complete: false, ...(mapped?.conditional ? { conditional: mapped.conditional } : {}), note: note.join("; ") };
}
writeTable({
  provider: "azure-native",
  source: { repository: "pulumi/pulumi-azure-native", path: diffGo.path, version: `@pulumi/azure-native ${sdkVersion}`, commit: diffGo.commit },
  rule:
    "diff.go calculateDetailedDiff: every PUT path parameter, and every body property marked ForceNew (top level, or one level down in an object or array item), replaces; " +
    `ForceNew comes from the REST spec's x-ms-mutability (not read here) and from forceNewMap (${replacementGo.path} at ${replacementGo.commit})`,
  complete: false,
  always: [],
  types,
  typeSources,
});
