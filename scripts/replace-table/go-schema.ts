/*
 * Reads the ForceNew paths out of a Terraform Plugin SDK v2 schema written in Go (`map[string]*schema.Schema{...}`),
 * as the handwritten resources of terraform-provider-google (magic-modules' third_party/) declare them. Only the
 * shapes those files use are understood; anything else (an `Elem` or `ForceNew` the parser cannot resolve) is
 * reported as unresolved so the type's table is marked not complete instead of being half right.
 */

/** A field of a Terraform schema: whether it forces a new resource, and its nested block if it has one. */
export interface TfField {
  readonly forceNew: boolean;
  readonly list: boolean;
  readonly maxItemsOne: boolean;
  /** Computed and neither Optional nor Required: an output, never an input of the Pulumi resource. */
  readonly output?: boolean;
  readonly block?: Readonly<Record<string, TfField>>;
}
export interface TfSchema {
  readonly fields: Readonly<Record<string, TfField>>;
  /** What could not be read, `field: why`: the type's table cannot be complete. */
  readonly unresolved: readonly string[];
}

/** Index just past the balanced bracket that opens at `open`, skipping Go strings and comments. */
export function closing(text: string, open: number): number {
  const pairs: Record<string, string> = { "{": "}", "(": ")", "[": "]" };
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '"') i = text.indexOf('"', skipEscaped(text, i + 1));
    else if (c === "`") i = text.indexOf("`", i + 1);
    else if (c === "'") i = text.indexOf("'", skipEscaped(text, i + 1));
    else if (c === "/" && text[i + 1] === "/") i = text.indexOf("\n", i);
    else if (c === "/" && text[i + 1] === "*") i = text.indexOf("*/", i) + 1;
    else if (c in pairs) depth++;
    else if (c === "}" || c === ")" || c === "]") {
      if (--depth === 0) return i + 1;
    }
    if (i < 0) break;
  }
  throw new Error(`unbalanced ${text[open]} at ${open}: ${JSON.stringify(text.slice(open, open + 300))}`);
}

/** Where a string starting at `from` closes, escapes skipped: the index of the first unescaped quote's search start. */
function skipEscaped(text: string, from: number): number {
  let i = from;
  const quote = text[from - 1] as string;
  while (i < text.length && text[i] !== quote) i += text[i] === "\\" ? 2 : 1;
  return i;
}

/** The top-level `Key: value` pairs of a struct literal body, and `"key": value` entries of a map literal body. */
function entries(body: string): [string, string][] {
  const out: [string, string][] = [];
  const re = /(?:^|[\s,{])("?[\w]+"?)\s*:\s*/g;
  let at = 0;
  while (at < body.length) {
    re.lastIndex = at;
    const m = re.exec(body);
    if (!m) break;
    let end = m.index + m[0].length;
    // The value runs to the next top-level comma.
    while (end < body.length && body[end] !== ",") {
      const c = body[end] as string;
      if ("{([\"`'".includes(c)) end = c === '"' || c === "`" || c === "'" ? stringEnd(body, end) : closing(body, end);
      else if (c === "/" && body[end + 1] === "/") end = body.indexOf("\n", end);
      else end++;
      if (end < 0) end = body.length;
    }
    out.push([m[1] as string, body.slice(m.index + m[0].length, end).trim()]);
    at = end + 1;
  }
  return out;
}

/** The top-level comma-separated parts of an argument list. */
export function splitTop(args: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < args.length; i++) {
    const c = args[i] as string;
    if (c === '"' || c === "`" || c === "'") i = stringEnd(args, i) - 1;
    else if ("{([".includes(c)) i = closing(args, i) - 1;
    else if (c === ",") {
      out.push(args.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(args.slice(start).trim());
  return out.filter(Boolean);
}

function stringEnd(text: string, open: number): number {
  const quote = text[open] as string;
  if (quote === "`") return text.indexOf("`", open + 1) + 1;
  return skipEscaped(text, open + 1) + 1;
}

/**
 * Go source without comments (a commented-out field is no field) and without magic-modules' template directives:
 * every version's fields are kept, as pulumi-gcp builds the beta provider.
 */
export function untemplate(go: string): string {
  const text = go.replace(/\{\{-?[^{}]*?-?\}\}/g, "");
  let out = "";
  for (let i = 0; i < text.length; ) {
    const c = text[i] as string;
    if (c === '"' || c === "`" || c === "'") {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end;
    } else if (c === "/" && text[i + 1] === "/") i = text.indexOf("\n", i) < 0 ? text.length : text.indexOf("\n", i);
    else if (c === "/" && text[i + 1] === "*") i = text.indexOf("*/", i) + 2;
    else {
      out += c;
      i++;
    }
  }
  return out;
}

/**
 * The fields of the schema map literal whose opening brace is at `open` in `go`. `resolve` finds a helper's body
 * (`func name(...) *schema.Schema { return &schema.Schema{...} }`) among the service's files.
 */
export function readSchemaMap(go: string, open: number, resolve: (name: string) => string | undefined, prefix = ""): TfSchema {
  const fields: Record<string, TfField> = {};
  const unresolved: string[] = [];
  const body = go.slice(open + 1, closing(go, open) - 1);
  for (const [key, value] of entries(body)) {
    if (!key.startsWith('"')) continue;
    const name = key.slice(1, -1);
    let literal = value;
    const call = /^([\w.]+)(?:\(.*\))?$/s.exec(value);
    if (call) {
      const found = resolve((call[1] as string).split(".").pop() as string);
      const at = found?.search(/&schema\.Schema\{/) ?? -1;
      if (!found || at < 0) {
        unresolved.push(`${prefix}${name}: ${value}`);
        continue;
      }
      literal = found.slice(at + "&schema.Schema".length, closing(found, at + "&schema.Schema".length));
    }
    literal = literal.replace(/^&schema\.Schema/, "");
    if (!literal.startsWith("{")) {
      unresolved.push(`${prefix}${name}: ${value.slice(0, 40)}`);
      continue;
    }
    const field = readField(literal, resolve, `${prefix}${name}.`);
    fields[name] = field.field;
    unresolved.push(...field.unresolved);
  }
  return { fields, unresolved };
}

function readField(literal: string, resolve: (name: string) => string | undefined, prefix: string): { field: TfField; unresolved: string[] } {
  const props = Object.fromEntries(entries(literal.slice(1, -1)));
  const unresolved: string[] = [];
  const forceNew = props.ForceNew === "true";
  if (props.ForceNew !== undefined && props.ForceNew !== "true" && props.ForceNew !== "false") unresolved.push(`${prefix.slice(0, -1)}: ForceNew ${props.ForceNew}`);
  const list = props.Type === "schema.TypeList" || props.Type === "schema.TypeSet";
  const maxItemsOne = props.MaxItems === "1";
  let block: Record<string, TfField> | undefined;
  const elem = props.Elem?.trim();
  if (elem && !/^&schema\.Schema\{/.test(elem)) {
    let resource = elem;
    const name = /^([\w.]+)\(\)$/.exec(elem)?.[1] ?? /^([\w.]+)$/.exec(elem)?.[1];
    if (name) resource = resolve(name.split(".").pop() as string) ?? "";
    // `&schema.Resource{Schema: map[string]*schema.Schema{...}}`, or `Schema: schemaNodePool` (a var's map).
    const named = /Schema:\s*(\w+),/.exec(resource)?.[1];
    if (named && !/Schema:\s*map\[/.test(resource.slice(0, 200))) resource = resolve(named) ?? "";
    const at = resource.search(/map\[string\]\*schema\.Schema\s*\{/);
    if (at < 0) unresolved.push(`${prefix.slice(0, -1)}: Elem ${elem.slice(0, 40)}`);
    else {
      const inner = readSchemaMap(resource, resource.indexOf("{", resource.indexOf("*schema.Schema", at)), resolve, prefix);
      block = { ...inner.fields };
      unresolved.push(...inner.unresolved);
    }
  }
  const output = props.Computed === "true" && props.Optional !== "true" && props.Required !== "true";
  return { field: { forceNew, list, maxItemsOne, ...(output ? { output } : {}), ...(block ? { block } : {}) }, unresolved };
}

/** The schema of `func <name>() *schema.Resource` in `go`: its `Schema: map[string]*schema.Schema{...}`. */
export function resourceSchema(go: string, func: string, resolve: (name: string) => string | undefined): TfSchema & { customizeDiff: string[] } {
  const at = go.indexOf(`func ${func}(`);
  if (at < 0) throw new Error(`no func ${func}`);
  const fn = go.slice(at, closing(go, go.indexOf("{", go.indexOf(")", at))));
  const merged = /\n\s*Schema:\s*tpgresource\.MergeSchemas\(/.exec(fn);
  let read: TfSchema;
  if (merged) {
    // `Schema: tpgresource.MergeSchemas(schemaNodePool, map[string]*schema.Schema{...})`: later maps win.
    const open = merged.index + merged[0].length - 1;
    const args = fn.slice(open + 1, closing(fn, open) - 1);
    const parts: TfSchema[] = [];
    for (const arg of splitTop(args)) {
      const source = /^[\w.]+$/.test(arg) ? resolve(arg.split(".").pop() as string) : arg;
      const at = source?.indexOf("map[string]*schema.Schema{") ?? -1;
      if (!source || at < 0) parts.push({ fields: {}, unresolved: [`Schema: ${arg.slice(0, 40)}`] });
      else parts.push(readSchemaMap(source, source.indexOf("{", at), resolve));
    }
    read = { fields: Object.assign({}, ...parts.map((p) => p.fields)), unresolved: parts.flatMap((p) => p.unresolved) };
  } else {
    const literal = /\n\s*Schema:\s*map\[string\]\*schema\.Schema\{/.exec(fn);
    const call = /\n\s*Schema:\s*([\w.]+)\(\),/.exec(fn);
    const source = literal ? fn : call ? resolve((call[1] as string).split(".").pop() as string) : undefined;
    const at = literal ? literal.index : (source?.indexOf("map[string]*schema.Schema{") ?? -1);
    if (!source || at < 0) throw new Error(`func ${func}: no Schema map`);
    read = readSchemaMap(source, source.indexOf("{", source.indexOf("*schema.Schema", at)), resolve);
  }
  // Fields added after the literal: `schm.Schema["project"] = &schema.Schema{...}`.
  for (const m of fn.matchAll(/\w+\.Schema\["(\w+)"\] = &schema\.Schema\{/g)) {
    const open = (m.index as number) + m[0].length - 1;
    const field = readField(fn.slice(open, closing(fn, open)), resolve, `${m[1]}.`);
    read = { fields: { ...read.fields, [m[1] as string]: field.field }, unresolved: [...read.unresolved, ...field.unresolved] };
  }
  // The CustomizeDiff functions: `customdiff.All(a, b, ...)` or a single one.
  const cd = /\n\s*CustomizeDiff:\s*/.exec(fn);
  let customizeDiff: string[] = [];
  if (cd) {
    const start = cd.index + cd[0].length;
    const all = fn.startsWith("customdiff.All(", start) || fn.startsWith("customdiff.Sequence(", start);
    customizeDiff = all ? splitTop(fn.slice(fn.indexOf("(", start) + 1, closing(fn, fn.indexOf("(", start)) - 1)) : [fn.slice(start, fn.indexOf(",\n", start))];
  }
  return { ...read, customizeDiff };
}

/** ForceNew paths in Terraform's names, `a.b` for nested blocks. */
export function forceNewPaths(fields: Readonly<Record<string, TfField>>, prefix = ""): string[] {
  return Object.entries(fields).flatMap(([name, f]) => [...(f.forceNew ? [`${prefix}${name}`] : []), ...(f.block ? forceNewPaths(f.block, `${prefix}${name}.`) : [])]);
}
