/* What the replace-table scripts share: the types the example stacks plan, and writing a table. */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ReplaceTable } from "../../lib/plan/diff/replace-tables.ts";

/** Every resource type of `provider` in the `stratum plan --format json` reports in `dir`, sorted. */
export function plannedTypes(dir: string, provider: string): string[] {
  const types = readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .flatMap((f) => (JSON.parse(readFileSync(join(dir, f), "utf8")) as { resources: { type: string }[] }).resources.map((r) => r.type));
  const out = [...new Set(types)].filter((t) => t.startsWith(`${provider}:`)).sort();
  if (out.length === 0) throw new Error(`${dir}: no ${provider} resources in any plan`);
  return out;
}

export function writeTable(table: ReplaceTable): void {
  writeFileSync(new URL(`../../lib/plan/diff/replace/${table.provider}.json`, import.meta.url), `${JSON.stringify(table, null, 2)}\n`);
  const complete = Object.values(table.typeSources ?? {}).filter((t) => t.complete).length;
  console.log(`${table.provider}.json: ${Object.keys(table.types).length} types (${complete} complete) from ${table.source.repository} ${table.source.commit.slice(0, 12)}`);
}
