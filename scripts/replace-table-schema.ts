/*
 * Writes lib/plan/diff/replace/<provider>.json from a Pulumi package schema (pulumi/pulumi-aws
 * `provider/cmd/pulumi-resource-aws/schema.json`, pulumi-gcp's, pulumi-azure-native's): for each resource type
 * the example stacks' plans use, the input paths whose property the schema marks `willReplaceOnChanges` (the
 * bridge sets it from Terraform's ForceNew). Only those types: a whole schema is tens of megabytes.
 *
 *   node scripts/replace-table-schema.ts SCHEMA.json PLANS_DIR REPOSITORY COMMIT
 *
 * PLANS_DIR holds `stratum plan --all --format json` reports; REPOSITORY and COMMIT name where the schema came
 * from (recorded with the schema's own version). The table is not complete: a provider's own Diff can replace on
 * other changes too, so every input it does not list stays "unknown" (lib/plan/diff/replace-tables.ts).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { tableFromSchema, type PulumiSchema } from "../lib/plan/diff/schema-table.ts";

const [schemaFile, plansDir, repository, commit] = process.argv.slice(2);
if (!schemaFile || !plansDir || !repository || !/^[\w.-]+\/[\w.-]+$/.test(repository) || !commit || !/^[0-9a-f]{40}$/.test(commit)) {
  console.error("usage: node scripts/replace-table-schema.ts SCHEMA.json PLANS_DIR OWNER/REPO COMMIT(40 hex)");
  process.exit(2);
}
const schema = JSON.parse(readFileSync(schemaFile, "utf8")) as PulumiSchema;
const types = readdirSync(plansDir)
  .filter((f) => f.endsWith(".json"))
  .flatMap((f) => (JSON.parse(readFileSync(join(plansDir, f), "utf8")) as { resources: { type: string }[] }).resources.map((r) => r.type));
// Where every Pulumi provider repository keeps its schema.
const table = tableFromSchema(schema, types, { repository, path: `provider/cmd/pulumi-resource-${schema.name}/schema.json`, commit });
writeFileSync(new URL(`../lib/plan/diff/replace/${table.provider}.json`, import.meta.url), `${JSON.stringify(table, null, 2)}\n`);
console.log(`${table.provider}.json: ${Object.keys(table.types).length} types from ${table.source.version}`);
