import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * GitHub's published OpenAPI description (api.github.com, from @octokit/openapi) and a small validator for the
 * JSON Schema subset it uses. Only `generated/api.github.com.json` is loaded: the package index pulls in every
 * variant (~400 MB). Loaded lazily, once per test file (each vitest file runs in its own process).
 */

export type Schema = Record<string, unknown>;
export interface Operation {
  readonly method: string;
  readonly template: string;
  readonly operationId: string;
  readonly spec: Schema;
}

interface Description {
  readonly paths: Record<string, Record<string, Schema>>;
  readonly components: Record<string, Record<string, Schema>>;
}

let cached: Description | undefined;
let templates: { template: string; regex: RegExp; literals: number; names: string[] }[] | undefined;

export function description(): Description {
  if (!cached) {
    const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.json");
    cached = JSON.parse(readFileSync(file, "utf8")) as Description;
  }
  return cached;
}

/** The operation for a request, preferring the template with most literal segments (`issues/comments` over `issues/{n}`). */
export function findOperation(method: string, pathname: string): { op: Operation; params: Record<string, string> } | undefined {
  templates ??= Object.keys(description().paths).map((template) => {
    const names: string[] = [];
    const source = template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, (_m, name: string) => (names.push(name), "([^/]+)"));
    return { template, regex: new RegExp(`^${source}$`), literals: template.split("/").filter((s) => s && !s.startsWith("{")).length, names };
  });
  const matches = templates
    .map((t) => ({ t, m: t.regex.exec(pathname) }))
    .filter((x) => x.m && description().paths[x.t.template]?.[method.toLowerCase()])
    .sort((a, b) => b.t.literals - a.t.literals);
  const best = matches[0];
  if (!best?.m) return undefined;
  const spec = description().paths[best.t.template]?.[method.toLowerCase()] as Schema;
  const params = Object.fromEntries(best.t.names.map((n, i) => [n, decodeURIComponent(best.m?.[i + 1] ?? "")]));
  return { op: { method, template: best.t.template, operationId: String(spec.operationId), spec }, params };
}

/** Follows a `$ref` to `#/components/...`; other objects are returned as they are. */
export function deref(schema: Schema): Schema {
  let current = schema;
  while (typeof current.$ref === "string") {
    const [, , section, name] = current.$ref.split("/");
    const target = description().components[section as string]?.[name as string];
    if (!target) throw new Error(`unresolvable $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

/** Errors of `value` under `schema` (empty when valid), each naming the JSON path. */
export function validate(schema: Schema, value: unknown, path = "$"): string[] {
  const s = deref(schema);
  if (value === null) return s.nullable === true || s.type === "null" || (s.type === undefined && !s.allOf && !s.anyOf && !s.oneOf && !s.properties) ? [] : [`${path}: null but not nullable`];
  if (Array.isArray(s.allOf)) {
    const errors = (s.allOf as Schema[]).flatMap((sub) => validate(sub, value, path));
    if (errors.length > 0) return errors;
  }
  // oneOf is checked as anyOf: GitHub's oneOf branches overlap (e.g. user vs. team reviewers), so "exactly one"
  // would reject answers the real API sends.
  for (const key of ["anyOf", "oneOf"] as const) {
    const branches = s[key] as Schema[] | undefined;
    if (Array.isArray(branches)) {
      const results = branches.map((sub) => validate(sub, value, path));
      if (!results.some((r) => r.length === 0)) return [`${path}: matches no ${key} branch (${results.map((r) => r[0]).join("; ")})`];
    }
  }
  if (Array.isArray(s.enum) && !s.enum.includes(value)) return [`${path}: ${JSON.stringify(value)} not in enum ${JSON.stringify(s.enum)}`];
  const type = s.type as string | undefined;
  if (type && !hasType(type, value)) return [`${path}: expected ${type}, got ${JSON.stringify(value)?.slice(0, 60)}`];
  const errors: string[] = [];
  if (typeof value === "string") {
    if (typeof s.minLength === "number" && value.length < s.minLength) errors.push(`${path}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && value.length > s.maxLength) errors.push(`${path}: longer than ${s.maxLength}`);
  }
  if (typeof value === "number") {
    if (typeof s.minimum === "number" && value < s.minimum) errors.push(`${path}: below ${s.minimum}`);
    if (typeof s.maximum === "number" && value > s.maximum) errors.push(`${path}: above ${s.maximum}`);
  }
  if (Array.isArray(value)) {
    if (typeof s.minItems === "number" && value.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === "number" && value.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
    if (s.items) value.forEach((item, i) => errors.push(...validate(s.items as Schema, item, `${path}[${i}]`)));
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    const properties = (s.properties ?? {}) as Record<string, Schema>;
    for (const key of (s.required ?? []) as string[]) if (!(key in record)) errors.push(`${path}.${key}: required`);
    for (const [key, inner] of Object.entries(record)) {
      const propertySchema = properties[key];
      if (propertySchema) errors.push(...validate(propertySchema, inner, `${path}.${key}`));
      else if (s.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
      else if (typeof s.additionalProperties === "object") errors.push(...validate(s.additionalProperties as Schema, inner, `${path}.${key}`));
    }
  }
  return errors;
}

function hasType(type: string, value: unknown): boolean {
  switch (type) {
    case "integer":
      return Number.isInteger(value);
    case "number":
      return typeof value === "number";
    case "array":
      return Array.isArray(value);
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/**
 * A minimal instance of `schema`: every required property, with placeholder values of the right type. The fake
 * server overlays its state on this, so answers carry every field GitHub promises without hand-written fixtures.
 */
export function sample(schema: Schema, depth = 0): unknown {
  const s = deref(schema);
  if (depth > 12) return null;
  if (Array.isArray(s.allOf)) return Object.assign({}, ...(s.allOf as Schema[]).map((sub) => sample(sub, depth + 1)));
  const branches = (s.anyOf ?? s.oneOf) as Schema[] | undefined;
  if (Array.isArray(branches) && branches[0]) return sample(branches[0], depth + 1);
  if (Array.isArray(s.enum)) return s.enum[0];
  if (s.nullable === true && depth > 0) return null;
  switch (s.type) {
    case "integer":
    case "number":
      return typeof s.minimum === "number" ? s.minimum : 1;
    case "boolean":
      return false;
    case "string":
      return s.format === "date-time" ? "2026-01-01T00:00:00Z" : s.format === "uri" ? "https://github.test/x" : "x";
    case "array":
      return typeof s.minItems === "number" && s.items ? Array.from({ length: s.minItems }, () => sample(s.items as Schema, depth + 1)) : [];
    default: {
      const properties = (s.properties ?? {}) as Record<string, Schema>;
      return Object.fromEntries(((s.required ?? []) as string[]).map((key) => [key, properties[key] ? sample(properties[key], depth + 1) : "x"]));
    }
  }
}

/**
 * `value` completed to an instance of `schema`: required properties it lacks are sampled, nested objects and
 * array items are completed the same way. Lets the fake's handlers write only the fields they care about.
 */
export function fill(schema: Schema, value: unknown, depth = 0): unknown {
  const s = deref(schema);
  if (value === null || value === undefined || depth > 12) return value;
  if (Array.isArray(value)) return s.items ? value.map((v) => fill(s.items as Schema, v, depth + 1)) : value;
  if (typeof value !== "object") return value;
  const parts = Array.isArray(s.allOf) ? (s.allOf as Schema[]).map(deref) : [s];
  const branch = ((s.anyOf ?? s.oneOf) as Schema[] | undefined)?.map(deref).find((b) => validate(b, value).length === 0 || b.properties);
  if (branch) parts.push(branch);
  let result = { ...(value as Record<string, unknown>) };
  for (const part of parts) {
    const properties = (part.properties ?? {}) as Record<string, Schema>;
    for (const key of (part.required ?? []) as string[]) if (!(key in result)) result[key] = properties[key] ? sample(properties[key], 1) : "x";
    for (const [key, inner] of Object.entries(result)) if (properties[key]) result = { ...result, [key]: fill(properties[key], inner, depth + 1) };
  }
  return result;
}
