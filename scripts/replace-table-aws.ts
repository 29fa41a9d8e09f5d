/*
 * Writes lib/plan/diff/replace/aws.json: for every `aws:` type the example stacks plan, the inputs on which
 * `@pulumi/aws` replaces the resource. pulumi-aws bridges hashicorp/terraform-provider-aws, whose repository is
 * too large to clone here, so its resource files were read one by one and their ForceNew / RequiresReplace
 * attributes transcribed into scripts/replace-table/aws-transcription.json (file, commit, attributes); this
 * script turns those Terraform names into Pulumi input paths with the SDK's declarations (pulumi-names.ts), which
 * also checks that each one is an input of the installed @pulumi/aws and that the schema read declares the same
 * top-level arguments as the SDK's inputs.
 *
 *   node scripts/replace-table-aws.ts PLANS_DIR
 *
 * A type is complete only when aws-entry.ts's rule holds (read whole, at the bridged commit, arguments equal to the
 * SDK's inputs); the transcription records the bridged commit as unknown, so today none is and an input not
 * listed stays unknown. A planned type without a transcription is in the table with no paths, saying so.
 */
import { readFileSync } from "node:fs";
import { plannedTypes, writeTable } from "./replace-table/plans.ts";
import { sdkNaming } from "./replace-table/pulumi-names.ts";
import { typeSource, type Bridged, type Entry } from "./replace-table/aws-entry.ts";
import type { TfField } from "./replace-table/go-schema.ts";
import type { TypeSource } from "../lib/plan/diff/replace-tables.ts";

const [plansDir] = process.argv.slice(2);
if (!plansDir) {
  console.error("usage: node scripts/replace-table-aws.ts PLANS_DIR");
  process.exit(2);
}

interface Transcription {
  readonly repository: string;
  readonly bridged: Bridged;
  readonly region: { readonly path: string; readonly commit: string; readonly rule: string };
  readonly types: Readonly<Record<string, Entry>>;
}
const transcription = JSON.parse(readFileSync(new URL("./replace-table/aws-transcription.json", import.meta.url), "utf8")) as Transcription;

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
const naming = sdkNaming(sdk);
const types: Record<string, string[]> = {};
const typeSources: Record<string, TypeSource> = {};
for (const type of plannedTypes(plansDir, "aws")) {
  const entry = transcription.types[type];
  if (!entry) {
    types[type] = [];
    typeSources[type] = { path: "(not transcribed)", complete: false, note: "its resource file has not been read yet: every input is unknown" };
    continue;
  }
  const missing: string[] = [];
  types[type] = naming.paths(type, tree(entry.forceNew), missing);
  // The provider's own region argument replaces under a condition on every regional type (transcription.region).
  const region = naming.hasInput(type, "region") ? [".region"] : [];
  const conditional = [...naming.paths(type, tree(entry.conditional ?? []), missing), ...region];
  const compared = entry.arguments ? naming.compare(type, entry.arguments) : undefined;
  typeSources[type] = typeSource(entry, transcription.bridged, { conditional, missing, ...(compared ? { compared } : {}) });
}
writeTable({
  provider: "aws",
  source: { repository: transcription.repository, path: "internal/service", version: `bridged by ${transcription.bridged.sdk}`, commit: transcription.bridged.commit ?? "per type" },
  rule: `the bridge replaces when Terraform's plan requires a new resource: an attribute with ForceNew (SDKv2) or a RequiresReplace plan modifier (Plugin Framework) changed, or a CustomizeDiff or ModifyPlan forced one; region: ${transcription.region.path} at ${transcription.region.commit.slice(0, 12)}, ${transcription.region.rule}`,
  complete: false,
  always: [],
  types,
  typeSources,
});
