/*
 * Regenerates lib/plan/diff/replace/kubernetes.json, the inputs on which the Pulumi Kubernetes provider replaces
 * a resource instead of updating it, from the provider's own source: `provider/pkg/provider/diff.go` in
 * pulumi/pulumi-kubernetes (its `forceNew` table and helpers; the provider has no replaceOnChanges in its schema).
 *
 *   node scripts/replace-table-kubernetes.ts DIFF_GO VERSION COMMIT
 *
 * e.g. from a clone: `git show HEAD:provider/pkg/provider/diff.go > /tmp/diff.go`, VERSION = `git describe --tags
 * --abbrev=0`, COMMIT = `git rev-parse HEAD`. The parser knows exactly the shapes that file uses and fails,
 * naming what it could not read, when they change: a table is never half right.
 */
import { readFileSync, writeFileSync } from "node:fs";

const [file, version, commit] = process.argv.slice(2);
if (!file || !version || !/^v\d+\.\d+\.\d+$/.test(version) || !commit || !/^[0-9a-f]{40}$/.test(commit)) {
  console.error("usage: node scripts/replace-table-kubernetes.ts DIFF_GO vX.Y.Z COMMIT(40 hex)");
  process.exit(2);
}
const go = readFileSync(file, "utf8");

function fail(what: string): never {
  console.error(`${file}: cannot read ${what}; the provider's diff.go changed shape, update this script`);
  process.exit(1);
}

/** The body of a balanced `{...}` or `(...)` starting at `open`. */
function balanced(text: string, open: number): string {
  const pairs: Record<string, string> = { "{": "}", "(": ")" };
  const opener = text[open] as string;
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === opener) depth++;
    else if (text[i] === pairs[opener] && --depth === 0) return text.slice(open + 1, i);
  }
  return fail(`a balanced ${opener}`);
}

const strings = (text: string) => [...text.matchAll(/"([^"]*)"/g)].map((m) => m[1] as string);

/** A helper such as `containerForceNewProperties(prefixes ...string)`: its paths for the given prefixes. */
function helper(name: string, args: string[]): string[] {
  const at = go.indexOf(`func ${name}(`);
  if (at < 0) fail(`func ${name}`);
  const body = balanced(go, go.indexOf("{", at));
  return args.flatMap((prefix) => strings(body).map((suffix) => prefix + suffix));
}

/** A properties expression: `properties{...}`, `append(properties{...}, helper("...")...)`, or a var's name. */
function properties(expr: string): string[] {
  const text = expr.trim();
  if (text.startsWith("append(")) {
    const inner = balanced(text, text.indexOf("("));
    const literal = inner.slice(0, inner.indexOf("}") + 1);
    const rest = inner.slice(literal.length);
    const calls = [...rest.matchAll(/(\w+)\(([^)]*)\)\.\.\./g)].flatMap((m) => helper(m[1] as string, strings(m[2] as string)));
    return [...properties(literal), ...calls];
  }
  if (text.startsWith("properties{")) return strings(balanced(text, text.indexOf("{")));
  if (/^\w+$/.test(text)) return variable(text);
  return fail(`the properties expression ${JSON.stringify(text.slice(0, 60))}`);
}

function variable(name: string): string[] {
  const match = new RegExp(`^var ${name} = `, "m").exec(go);
  if (!match) fail(`var ${name}`);
  const start = match.index + match[0].length;
  const open = go.slice(start).search(/[({]/) + start;
  return properties(go.slice(start, open) + "(" === "append(" ? go.slice(start, open + 1) + balanced(go, open) + ")" : go.slice(start, open + 1) + balanced(go, open) + "}");
}

/** `"Kind": expr,` entries of a `_kinds{...}` body. */
function kinds(body: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const re = /"(\w+)":\s*/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    let end = m.index + m[0].length;
    let depth = 0;
    for (; end < body.length; end++) {
      const c = body[end];
      if (c === "(" || c === "{") depth++;
      else if (c === ")" || c === "}") depth--;
      else if ((c === "," || c === "\n") && depth === 0) break;
    }
    out[m[1] as string] = properties(body.slice(m.index + m[0].length, end));
    re.lastIndex = end;
  }
  return out;
}

/** `"version": _kinds{...}` entries of a `_versions{...}` body. */
function versions(body: string): Record<string, Record<string, string[]>> {
  const out: Record<string, Record<string, string[]>> = {};
  for (const m of body.matchAll(/"(\w+)":\s*_kinds\{/g)) out[m[1] as string] = kinds(balanced(body, (m.index as number) + m[0].length - 1));
  return out;
}

const groupsAt = go.indexOf("var forceNew = _groups{");
if (groupsAt < 0) fail("var forceNew");
const groupsBody = balanced(go, go.indexOf("{", groupsAt));
const types: Record<string, string[]> = {};
const add = (group: string, byVersion: Record<string, Record<string, string[]>>) => {
  for (const [v, byKind] of Object.entries(byVersion)) for (const [kind, paths] of Object.entries(byKind)) types[`kubernetes:${group}/${v}:${kind}`] = [...new Set(paths)].sort();
};
// Top-level entries only: a group's own body (skipped past below) holds kinds, not groups.
const groupRe = /"([\w.]*)":\s*(_versions\{|(\w+),)/g;
for (let m = groupRe.exec(groupsBody); m; m = groupRe.exec(groupsBody)) {
  const group = m[1] as string;
  if (m[3]) {
    const at = go.indexOf(`var ${m[3]} = _versions{`);
    if (at < 0) fail(`var ${m[3]}`);
    if (group !== "") add(group, versions(balanced(go, go.indexOf("{", at)))); // "" is the legacy alias of "core"
    continue;
  }
  const open = m.index + m[0].length - 1;
  const body = balanced(groupsBody, open);
  add(group, versions(body));
  groupRe.lastIndex = open + body.length + 2;
}
// Secrets and ConfigMaps: the provider replaces on their data unless its enableSecretMutable /
// enableConfigMapMutable option is set (stratum never sets them) or the object is immutable.
const secretAt = go.indexOf("clients.IsSecret(obj)");
const configMapAt = go.indexOf("clients.IsConfigMap(obj)");
if (secretAt < 0 || configMapAt < 0) fail("the Secret and ConfigMap cases");
types["kubernetes:core/v1:Secret"] = strings(balanced(go, go.indexOf("properties{", secretAt) + "properties".length)).sort();
types["kubernetes:core/v1:ConfigMap"] = strings(balanced(go, go.indexOf("properties{", configMapAt) + "properties".length)).sort();
const always = helper("metadataForceNewProperties", [".metadata"]);
if (Object.keys(types).length < 10 || always.length !== 2) fail("the table (too few entries)");

const table = {
  provider: "kubernetes",
  source: { repository: "pulumi/pulumi-kubernetes", path: "provider/pkg/provider/diff.go", version, commit },
  // The provider's Diff replaces on exactly these paths (provider.go passes forceNewProperties to its diff):
  // any other input of a listed or unlisted type updates in place.
  complete: true,
  always,
  types: Object.fromEntries(Object.entries(types).sort(([a], [b]) => (a < b ? -1 : 1))),
};
writeFileSync(new URL("../lib/plan/diff/replace/kubernetes.json", import.meta.url), `${JSON.stringify(table, null, 2)}\n`);
console.log(`kubernetes.json: ${Object.keys(types).length} types from ${version} (${commit.slice(0, 12)})`);
