import { readdirSync, readFileSync } from "node:fs";
import type { ReplaceVerdict } from "./diff-model.ts";

/**
 * Which input changes make a provider replace a resource, one table per provider, each generated from the
 * provider's own source by a script under scripts/ and naming it (version and commit). A provider without a
 * table, and a path a table cannot decide, is "unknown": stratum never guesses a replacement either way.
 */
export interface ReplaceTable {
  readonly provider: string;
  readonly source: { readonly repository: string; readonly path: string; readonly version: string; readonly commit: string };
  /** True when the table lists every path the provider replaces on: any other path updates in place. */
  readonly complete: boolean;
  /** Paths that replace a resource of any type of the provider. */
  readonly always: readonly string[];
  readonly types: Readonly<Record<string, readonly string[]>>;
  /**
   * Per type, where its entry was read (a path in `source.repository`, at `commit` when it differs from the
   * table's) and whether it is complete: a type's own `complete` decides for its unlisted paths, over the table's.
   */
  readonly typeSources?: Readonly<Record<string, TypeSource>>;
  /** Where the provider's input names were read (a bridged provider renames Terraform's fields). */
  readonly naming?: { readonly repository: string; readonly path: string; readonly commit: string; readonly sdk: string };
  /** How the provider decides replacement, when the table records a rule rather than a transcription. */
  readonly rule?: string;
}

export interface TypeSource {
  readonly path: string;
  readonly commit?: string;
  readonly complete: boolean;
  /** Paths the provider replaces on only under a condition it checks when it diffs (a CustomizeDiff): unknown. */
  readonly conditional?: readonly string[];
  /** Why the type is not complete, or what else its source says. */
  readonly note?: string;
}

/** Every table in replace/, by provider: a generated table is used as soon as it is written there. */
const folder = new URL("./replace/", import.meta.url);
const tables: Readonly<Record<string, ReplaceTable>> = Object.fromEntries(
  readdirSync(folder)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(new URL(f, folder), "utf8")) as ReplaceTable)
    .map((t) => [t.provider, t]),
);

/** Where the programs' own providers have no table yet; named so the verdict says why it is unknown. */
const noTable = "no replace-on-change table for this provider yet";

export interface Verdict {
  readonly replace: ReplaceVerdict;
  readonly source: string;
}

/** The provider token of a type: `aws`, `gcp`, `azure-native`, `kubernetes`, `stratum` (components), `pulumi`. */
export function providerOf(type: string): string {
  return type.split(":")[0] ?? "";
}

/** Whether changing the input at `path` (a plan diff path, `spec.template.spec.containers[0].image`) replaces. */
export function replaceVerdict(type: string, path: string): Verdict {
  const provider = providerOf(type);
  // Components are stratum's own: the engine never replaces one for its inputs; what happens is in its children.
  if (provider === "stratum") return { replace: "in-place", source: "a component: its children's changes say what is replaced" };
  if (type.startsWith("pulumi:providers:")) return { replace: "unknown", source: "a provider's configuration: whether its resources are replaced depends on the provider's DiffConfig, not known offline" };
  const table = tables[provider];
  if (!table) return { replace: "unknown", source: `${provider}: ${noTable}` };
  const of = table.typeSources?.[type];
  const source = of
    ? `${table.source.repository} ${(of.commit ?? table.source.commit).slice(0, 12)} ${of.path}`
    : `${table.source.repository} ${table.source.version} ${table.source.path}`;
  const normal = `.${path.replace(/\[\d+\]/g, "[*]").replace(/^\.?/, "").replace(/\["([^"]*)"\]/g, ".$1")}`;
  const listed = [...table.always, ...(table.types[type] ?? [])];
  const hit = listed.find((p) => covers(p, normal));
  if (hit) return { replace: "replaces", source: `${source}: ${hit}` };
  const maybe = of?.conditional?.find((p) => covers(p, normal) || covers(normal, p));
  if (maybe) return { replace: "unknown", source: `${source}: ${maybe} replaces only under a condition the provider checks when it diffs` };
  // The change holds a replace-on path inside it (a whole array or object changed): which part changed is not
  // compared here, so it may or may not replace.
  const inside = listed.find((p) => covers(normal, p));
  if (inside) return { replace: "unknown", source: `${source}: the change includes ${inside}, which replaces; not compared part by part` };
  if (of?.complete ?? table.complete) return { replace: "in-place", source };
  if (!of && !table.types[type]) return { replace: "unknown", source: `${source}: ${type} is not in the table` };
  return { replace: "unknown", source: `${source}: not listed, and the ${of ? "type's entry" : "table"} is not complete${of?.note ? ` (${of.note})` : ""}` };
}

/**
 * True when `path` is `prefix` or lies under it, segment by segment: `[*]` in a table matches any index (indexes
 * are dropped on both sides) and a `*` segment any map key.
 */
function covers(prefix: string, path: string): boolean {
  const segments = (p: string) => p.replace(/\[\*\]/g, "").split(".").filter(Boolean);
  const a = segments(prefix);
  const b = segments(path);
  return a.length <= b.length && a.every((s, i) => s === "*" || s === b[i]);
}
