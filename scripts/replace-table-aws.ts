/*
 * Writes lib/plan/diff/replace/aws.json: for every `aws:` type the example stacks plan, the inputs on which
 * `@pulumi/aws` replaces the resource. pulumi-aws bridges hashicorp/terraform-provider-aws, whose repository is
 * too large to clone here, so its resource files were read one by one and their ForceNew / RequiresReplace
 * attributes transcribed into scripts/replace-table/aws-transcription.json (file, commit, attributes); this
 * script turns those Terraform names into Pulumi input paths with the SDK's declarations (pulumi-names.ts), which
 * also checks that each one is an input of the installed @pulumi/aws.
 *
 *   node scripts/replace-table-aws.ts PLANS_DIR
 *
 * No type is complete: each file was read at the version the file store holds, which is not pinned to the
 * provider version @pulumi/aws bridges, so an attribute made ForceNew since may be missing; an input not listed
 * stays unknown. A planned type without a transcription is in the table with no paths, saying so.
 */
import { readFileSync } from "node:fs";
import { plannedTypes, writeTable } from "./replace-table/plans.ts";
import { sdkNaming } from "./replace-table/pulumi-names.ts";
import type { TfField } from "./replace-table/go-schema.ts";
import type { TypeSource } from "../lib/plan/diff/replace-tables.ts";

const [plansDir] = process.argv.slice(2);
if (!plansDir) {
  console.error("usage: node scripts/replace-table-aws.ts PLANS_DIR");
  process.exit(2);
}

interface Entry {
  readonly path: string;
  readonly commit?: string;
  readonly storedId?: string;
  readonly forceNew: readonly string[];
  readonly conditional?: readonly string[];
  readonly note?: string;
}
const transcription = JSON.parse(readFileSync(new URL("./replace-table/aws-transcription.json", import.meta.url), "utf8")) as { repository: string; types: Record<string, Entry> };

/** The Terraform field tree of dotted paths, the listed ones ForceNew. */
function tree(paths: readonly string[]): Record<string, TfField> {
  const root: Record<string, { forceNew: boolean; list: boolean; maxItemsOne: boolean; block?: Record<string, TfField> }> = {};
  for (const path of paths) {
    let level = root;
    const parts = path.split(".");
    parts.forEach((name, i) => {
      const field = (level[name] ??= { forceNew: false, list: false, maxItemsOne: false });
      if (i === parts.length - 1) field.forceNew = true;
      else level = (field.block ??= {}) as typeof root;
    });
  }
  return root;
}

const sdk = new URL("../node_modules/@pulumi/aws/", import.meta.url).pathname;
const sdkVersion = (JSON.parse(readFileSync(`${sdk}package.json`, "utf8")) as { version: string }).version;
const naming = sdkNaming(sdk);
const types: Record<string, string[]> = {};
const typeSources: Record<string, TypeSource> = {};
const pinned = `the stored version is not pinned to the terraform-provider-aws version @pulumi/aws ${sdkVersion} bridges`;
for (const type of plannedTypes(plansDir, "aws")) {
  const entry = transcription.types[type];
  if (!entry) {
    types[type] = [];
    typeSources[type] = { path: "(not transcribed)", complete: false, note: "its resource file has not been read yet: every input is unknown" };
    continue;
  }
  const missing: string[] = [];
  types[type] = naming.paths(type, tree(entry.forceNew), missing);
  const conditional = naming.paths(type, tree(entry.conditional ?? []), missing);
  const where = entry.commit ? {} : { note: `file store version ${entry.storedId}, whose commit the store does not report` };
  const why = [pinned, ...(missing.length ? [`not inputs of @pulumi/aws ${sdkVersion}: ${missing.join(", ")}`] : []), ...(entry.note ? [entry.note] : []), ...(where.note ? [where.note] : [])];
  typeSources[type] = { path: entry.path, ...(entry.commit ? { commit: entry.commit } : {}), complete: false, ...(conditional.length ? { conditional } : {}), note: why.join("; ") };
}
writeTable({
  provider: "aws",
  source: { repository: transcription.repository, path: "internal/service", version: `bridged by @pulumi/aws ${sdkVersion}`, commit: "per type" },
  rule: "the bridge replaces when Terraform's plan requires a new resource: an attribute with ForceNew (SDKv2) or a RequiresReplace plan modifier (Plugin Framework) changed, or a CustomizeDiff forced one",
  complete: false,
  always: [],
  types,
  typeSources,
});
