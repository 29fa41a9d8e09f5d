import type { ReplaceTable } from "./replace-tables.ts";

/** The parts of a Pulumi package schema (pulumi.com/docs/iac/extending-pulumi/schema) that say what replaces. */
interface SchemaProperty {
  readonly willReplaceOnChanges?: boolean;
  readonly $ref?: string;
  readonly items?: SchemaProperty;
  readonly additionalProperties?: SchemaProperty;
}
export interface PulumiSchema {
  readonly name: string;
  readonly version?: string;
  readonly resources?: Readonly<Record<string, { readonly inputProperties?: Readonly<Record<string, SchemaProperty>> }>>;
  readonly types?: Readonly<Record<string, { readonly properties?: Readonly<Record<string, SchemaProperty>> }>>;
}

/**
 * The replace-on-change table for the resource types given (those the platform uses) from a provider's schema:
 * each input path, nested object types followed by `$ref` and lists as `[*]`, whose property is marked
 * `willReplaceOnChanges`. Types the schema does not have are left out (unknown). Not complete: see the script.
 */
export function tableFromSchema(schema: PulumiSchema, used: readonly string[], source: { repository: string; path: string; commit: string }): ReplaceTable {
  const types: Record<string, string[]> = {};
  for (const type of [...new Set(used)].filter((t) => t.startsWith(`${schema.name}:`)).sort()) {
    const resource = schema.resources?.[type];
    if (!resource) continue;
    const paths: string[] = [];
    for (const [name, property] of Object.entries(resource.inputProperties ?? {})) walk(schema, property, `.${name}`, paths, new Set());
    types[type] = paths.sort();
  }
  return { provider: schema.name, source: { ...source, version: schema.version ?? "unknown" }, complete: false, always: [], types };
}

function walk(schema: PulumiSchema, property: SchemaProperty, path: string, out: string[], seen: ReadonlySet<string>): void {
  if (property.willReplaceOnChanges) out.push(path);
  if (property.items) walk(schema, property.items, `${path}[*]`, out, seen);
  if (property.additionalProperties) walk(schema, property.additionalProperties, `${path}.*`, out, seen);
  const ref = property.$ref?.startsWith("#/types/") ? decodeURIComponent(property.$ref.slice("#/types/".length)) : undefined;
  // A type is not entered again inside itself (recursive schemas exist): paths deeper than that stay unknown.
  if (!ref || seen.has(ref)) return;
  for (const [name, inner] of Object.entries(schema.types?.[ref]?.properties ?? {})) walk(schema, inner, `${path}.${name}`, out, new Set([...seen, ref]));
}
