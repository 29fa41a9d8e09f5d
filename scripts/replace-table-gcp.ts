/*
 * Writes lib/plan/diff/replace/gcp.json: for every `gcp:` type the example stacks plan, the inputs on which
 * `@pulumi/gcp` replaces the resource. pulumi-gcp bridges terraform-provider-google-beta, which magic-modules
 * generates, so the table is read from magic-modules itself: the mmv1 YAML of a generated resource (mmv1.ts) or
 * the Go schema of a handwritten one under mmv1/third_party/terraform (go-schema.ts). pulumi-gcp's
 * bridge-metadata.json names the Terraform resource of each Pulumi type; the SDK's declarations name the inputs.
 *
 *   node scripts/replace-table-gcp.ts MAGIC_MODULES_GIT PULUMI_GCP_GIT PLANS_DIR
 *
 * MAGIC_MODULES_GIT and PULUMI_GCP_GIT are clones (bare or not) of GoogleCloudPlatform/magic-modules and
 * pulumi/pulumi-gcp; PLANS_DIR holds `stratum plan --all --format json` reports. A type is complete only when its
 * whole schema was read and nothing in its source forces a new resource conditionally (a CustomizeDiff calling
 * ForceNew): then every input not listed updates in place. Otherwise unlisted inputs stay unknown.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { resourceSchema, untemplate, type TfField, readSchemaMap } from "./replace-table/go-schema.ts";
import type { TypeSource } from "../lib/plan/diff/replace-tables.ts";
import { iamParams, mmv1Fields, underscore, type Mmv1Resource } from "./replace-table/mmv1.ts";
import { sdkNaming } from "./replace-table/pulumi-names.ts";
import { plannedTypes, writeTable } from "./replace-table/plans.ts";
import { customizeDiff, forceNewCalls, type Conditional } from "./replace-table/customize-diff.ts";

const [mmGit, pulumiGcpGit, plansDir] = process.argv.slice(2);
if (!mmGit || !pulumiGcpGit || !plansDir) {
  console.error("usage: node scripts/replace-table-gcp.ts MAGIC_MODULES_GIT PULUMI_GCP_GIT PLANS_DIR");
  process.exit(2);
}
const git = (dir: string, ...args: string[]) => execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", maxBuffer: 1 << 30 });
const commit = git(mmGit, "rev-parse", "HEAD").trim();
const date = git(mmGit, "log", "-1", "--format=%cs").trim();
const bridgeCommit = git(pulumiGcpGit, "rev-parse", "HEAD").trim();
const metadataPath = "provider/cmd/pulumi-resource-gcp/bridge-metadata.json";
const metadata = JSON.parse(git(pulumiGcpGit, "show", `HEAD:${metadataPath}`)) as { "auto-aliasing": { resources: Record<string, { current: string }> } };
const tfName = new Map(Object.entries(metadata["auto-aliasing"].resources).map(([tf, r]) => [r.current, tf]));

// The two trees the table is read from, unpacked once.
const tree = mkdtempSync(join(tmpdir(), "mm-"));
process.on("exit", () => rmSync(tree, { recursive: true, force: true }));
const archive = execFileSync("git", ["-C", mmGit, "archive", "HEAD", "mmv1/products", "mmv1/third_party/terraform", "mmv1/templates/terraform/constants", "mmv1/templates/terraform/extra_schema_entry"], { maxBuffer: 1 << 30 });
execFileSync("tar", ["-x", "-C", tree], { input: archive });
const read = (path: string) => readFileSync(join(tree, path), "utf8");
const ls = (dir: string) => (existsSync(join(tree, dir)) ? readdirSync(join(tree, dir)) : []);

// Generated resources by their Terraform name (resource.go `TerraformName`).
const generated = new Map<string, { path: string; resource: Mmv1Resource }>();
for (const product of ls("mmv1/products")) {
  const p = parse(read(`mmv1/products/${product}/product.yaml`), { logLevel: "error" }) as { name: string; legacy_name?: string };
  for (const file of ls(`mmv1/products/${product}`).filter((f) => f.endsWith(".yaml") && f !== "product.yaml")) {
    const path = `mmv1/products/${product}/${file}`;
    const resource = parse(read(path), { logLevel: "error" }) as Mmv1Resource;
    generated.set(resource.legacy_name ?? `google_${p.legacy_name ?? underscore(p.name)}_${underscore(resource.name)}`, { path, resource });
  }
}

// Handwritten Go, by service; a helper (`func schemaNodeConfig() *schema.Schema`) is found among its service's files.
const services = "mmv1/third_party/terraform/services";
const goFiles = (svc: string) => ls(`${services}/${svc}`).filter((f) => /\.go(\.tmpl)?$/.test(f) && !/_test\.go/.test(f));
const cache = new Map<string, string>();
const cleaned = (file: string) => cache.get(file) ?? (cache.set(file, untemplate(read(file))), cache.get(file) as string);
function resolver(svc: string, first: readonly string[] = []): (name: string) => string | undefined {
  const tpg = "mmv1/third_party/terraform/tpgresource";
  const sources = [...first, ...goFiles(svc).map((f) => `${services}/${svc}/${f}`), ...ls(tpg).map((f) => `${tpg}/${f}`)];
  return (name) => {
    for (const file of sources) {
      const go = cleaned(file);
      // `func name(`, `var name = `, or `name = ` inside a `var (...)` block.
      const at = go.search(new RegExp(`^(func ${name}\\(|(var\\s+|\\t)${name}(\\s+[\\w.*]+)?\\s*=)`, "m"));
      if (at >= 0) return go.slice(at);
    }
    return undefined;
  };
}
function handwritten(base: string, prefix: string): { path: string; svc: string } | undefined {
  for (const svc of ls(services)) {
    for (const ext of [".go", ".go.tmpl"]) if (ls(`${services}/${svc}`).includes(`${prefix}${base}${ext}`)) return { path: `${services}/${svc}/${prefix}${base}${ext}`, svc };
  }
  return undefined;
}

interface Read {
  readonly path: string;
  readonly fields: Record<string, TfField>;
  readonly incomplete: string[];
  /** Terraform fields forced new only under a condition (CustomizeDiff). */
  readonly conditional: string[];
}

function readTf(tf: string): Read {
  // An IAM member or audit config: the shared schema of its kind plus the parent's identifying fields.
  const iam = /^(.*)_iam_(member|audit_config)$/.exec(tf);
  if (iam) {
    const base = iam[1] as string;
    const member = `mmv1/third_party/terraform/tpgiamresource/resource_iam_${iam[2]}.go`;
    const memberGo = untemplate(read(member));
    const shared = iam[2] === "member" ? "var IamMemberBaseSchema =" : "var iamAuditConfigSchema =";
    const memberFields = readSchemaMap(memberGo, memberGo.indexOf("{", memberGo.indexOf(shared)), () => undefined);
    const hand = handwritten(base.replace(/^google_/, ""), "iam_");
    if (hand) {
      const go = untemplate(read(hand.path));
      const at = go.search(/var \w+IamSchema = map\[string\]\*schema\.Schema\{/);
      const parent = readSchemaMap(go, go.indexOf("{", go.indexOf("*schema.Schema", at)), resolver(hand.svc));
      return { path: `${hand.path} + ${member}`, fields: { ...memberFields.fields, ...parent.fields }, incomplete: [...memberFields.unresolved, ...parent.unresolved], conditional: [] };
    }
    const gen = generated.get(base);
    if (!gen?.resource.iam_policy) throw new Error(`${tf}: neither a handwritten iam_ file nor an mmv1 iam_policy`);
    const parent = Object.fromEntries(iamParams(gen.resource).map((p) => [p, { forceNew: true, list: false, maxItemsOne: false }]));
    return { path: `${gen.path} (iam_policy) + ${member}`, fields: { ...memberFields.fields, ...parent }, incomplete: [...memberFields.unresolved], conditional: [] };
  }
  const gen = generated.get(tf);
  if (gen && !gen.resource.exclude_resource) {
    // The resource's custom_diff functions live in its constants template, its service's or tpgresource's Go.
    const constants = (gen.resource as { custom_code?: { constants?: string } }).custom_code?.constants;
    const cd: Conditional = { fields: [], unresolved: [] };
    customizeDiff(gen.resource.custom_diff ?? [], resolver(gen.path.split("/")[2] as string, constants ? [`mmv1/${constants}`] : []), cd);
    // Fields a template adds to the schema (`custom_code.extra_schema_entry`: `"name": {...},` entries).
    const extra = (gen.resource as { custom_code?: { extra_schema_entry?: string } }).custom_code?.extra_schema_entry;
    const added = extra ? readSchemaMap(`{${untemplate(read(`mmv1/${extra}`))}}`, 0, () => undefined) : { fields: {}, unresolved: [] };
    return { path: gen.path, fields: { ...mmv1Fields(gen.resource), ...added.fields }, incomplete: [...cd.unresolved, ...added.unresolved], conditional: cd.fields };
  }
  const hand = handwritten(tf.replace(/^google_/, ""), "resource_") ?? handwritten(tf, "resource_");
  if (!hand) throw new Error(`${tf}: no mmv1 YAML and no handwritten resource_ file`);
  const go = untemplate(read(hand.path));
  const func = /^func (Resource\w+)\(\) \*schema\.Resource \{/m.exec(go)?.[1];
  if (!func) throw new Error(`${hand.path}: no func Resource...() *schema.Resource`);
  const resolve = resolver(hand.svc);
  const schema = resourceSchema(go, func, resolve);
  // The CustomizeDiff functions named, and any ForceNew call in the resource's own file (helpers they call).
  const cd: Conditional = { fields: [], unresolved: [] };
  const seen = new Set<string>();
  customizeDiff(schema.customizeDiff, resolve, cd, seen);
  forceNewCalls(go, cd);
  return { path: hand.path, fields: { ...schema.fields }, incomplete: [...schema.unresolved.map((u) => `not read: ${u}`), ...cd.unresolved], conditional: cd.fields };
}

/** A copy of `fields` where exactly the Terraform paths in `paths` are ForceNew. */
function only(fields: Readonly<Record<string, TfField>>, paths: ReadonlySet<string>, prefix = ""): Record<string, TfField> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, f]) => [name, { ...f, forceNew: paths.has(`${prefix}${name}`), ...(f.block ? { block: only(f.block, paths, `${prefix}${name}.`) } : {}) }]),
  );
}

const naming = sdkNaming(new URL("../node_modules/@pulumi/gcp/", import.meta.url).pathname);
const sdkVersion = (JSON.parse(readFileSync(new URL("../node_modules/@pulumi/gcp/package.json", import.meta.url), "utf8")) as { version: string }).version;
const types: Record<string, string[]> = {};
const typeSources: Record<string, TypeSource> = {};
for (const type of plannedTypes(plansDir, "gcp")) {
  const tf = tfName.get(type);
  if (!tf) throw new Error(`${type}: not in pulumi-gcp's ${metadataPath}`);
  const r = readTf(tf);
  const missing: string[] = [];
  types[type] = naming.paths(type, r.fields, missing);
  const conditional = naming.paths(type, only(r.fields, new Set(r.conditional)), missing);
  const why = [...new Set([...r.incomplete, ...(missing.length ? [`ForceNew in Terraform but not an input of @pulumi/gcp ${sdkVersion}: ${[...new Set(missing)].join(", ")}`] : [])])];
  typeSources[type] = { path: r.path, complete: why.length === 0, ...(conditional.length ? { conditional } : {}), ...(why.length ? { note: why.join("; ") } : {}) };
}
writeTable({
  provider: "gcp",
  source: { repository: "GoogleCloudPlatform/magic-modules", path: "mmv1", version: date, commit },
  naming: { repository: "pulumi/pulumi-gcp", path: metadataPath, commit: bridgeCommit, sdk: `@pulumi/gcp ${sdkVersion}` },
  complete: false,
  always: [],
  types,
  typeSources,
});
