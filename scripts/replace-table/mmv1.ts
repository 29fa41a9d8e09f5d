/*
 * The Terraform schema magic-modules generates for an mmv1 resource (mmv1/products/<product>/<Resource>.yaml),
 * reduced to what decides replacement: which fields are ForceNew, by mmv1's own rule (mmv1/api/type.go
 * `IsForceNew`, resource.go `HasProject`, templates/terraform/resource.go.tmpl's `project` field):
 * - a field marked `immutable: true` is ForceNew;
 * - on a resource marked `immutable: true`, a field without its own `update_url` inherits it: a top-level field
 *   is ForceNew, a nested one when its parent is;
 * - output, write-only and client-side fields are not (client-side ones only when marked themselves), nor root
 *   `labels` (KeyValueLabels, updated in place);
 * - the generated `project` field is ForceNew whenever the base or create URL holds `{{project}}`.
 */
import type { TfField } from "./go-schema.ts";

interface Mmv1Type {
  readonly name: string;
  readonly type?: string;
  readonly immutable?: boolean;
  readonly output?: boolean;
  readonly exclude?: boolean;
  readonly client_side?: boolean;
  readonly write_only?: boolean;
  readonly write_only_legacy?: boolean;
  readonly url_param_only?: boolean;
  readonly update_url?: string;
  readonly flatten_object?: boolean;
  readonly key_name?: string;
  readonly properties?: readonly Mmv1Type[];
  readonly item_type?: Mmv1Type;
  readonly value_type?: Mmv1Type;
}
export interface Mmv1Resource {
  readonly name: string;
  readonly legacy_name?: string;
  readonly immutable?: boolean;
  readonly exclude_resource?: boolean;
  readonly base_url?: string;
  readonly create_url?: string;
  readonly self_link?: string;
  readonly custom_diff?: readonly string[];
  readonly parameters?: readonly Mmv1Type[];
  readonly properties?: readonly Mmv1Type[];
  readonly virtual_fields?: readonly Mmv1Type[];
  readonly iam_policy?: { readonly parent_resource_attribute?: string; readonly base_url?: string; readonly self_link?: string; readonly exclude?: boolean };
}

/** mmv1's `google.Underscore`: camelCase API names to Terraform's snake_case. */
export function underscore(name: string): string {
  return name.replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2").replace(/([a-z\d])([A-Z])/g, "$1_$2").replace(/[-.]/g, "_").toLowerCase();
}

/** Whether `t` is ForceNew given its resource and whether its parent is (undefined at the top level). */
function isForceNew(t: Mmv1Type, resource: Mmv1Resource, parentForceNew: boolean | undefined, labelsAtRoot: boolean): boolean {
  if (t.type === "KeyValueLabels" && labelsAtRoot) return false;
  if (t.client_side) return t.immutable === true;
  if (t.write_only || t.write_only_legacy) return false;
  if (t.output) return false;
  if (t.immutable) return true;
  if (!resource.immutable) return false;
  if (t.update_url) return false;
  return parentForceNew ?? true;
}

function fields(props: readonly Mmv1Type[], resource: Mmv1Resource, parentForceNew: boolean | undefined, labelsAtRoot: boolean): Record<string, TfField> {
  const out: Record<string, TfField> = {};
  for (const t of props) {
    if (t.exclude) continue;
    const forceNew = isForceNew(t, resource, parentForceNew, labelsAtRoot);
    const nested = t.type === "NestedObject" ? t.properties : t.type === "Array" ? t.item_type?.properties : t.type === "Map" ? t.value_type?.properties : undefined;
    let block = nested ? fields(nested, resource, forceNew, false) : undefined;
    // A Map of objects is a set of blocks in Terraform with the map's key as a field of its own.
    if (t.type === "Map" && t.key_name) block = { [underscore(t.key_name)]: { forceNew, list: false, maxItemsOne: false }, ...block };
    // A flattened object's fields sit at its parent's level in Terraform.
    if (t.flatten_object && block) {
      Object.assign(out, block);
      continue;
    }
    const list = t.type === "Array" || t.type === "Map";
    out[underscore(t.name)] = { forceNew, list, maxItemsOne: t.type === "NestedObject", ...(block && Object.keys(block).length ? { block } : {}) };
  }
  return out;
}

/** The Terraform fields of a generated resource, with the `project` field the template adds. */
export function mmv1Fields(resource: Mmv1Resource): Record<string, TfField> {
  const all = [...(resource.parameters ?? []), ...(resource.properties ?? [])];
  const labelsAtRoot = all.some((t) => t.type === "KeyValueLabels");
  const out = fields([...all, ...(resource.virtual_fields ?? [])], resource, undefined, labelsAtRoot);
  if (`${resource.base_url ?? ""}${resource.create_url ?? ""}`.includes("{{project}}")) out.project = { forceNew: true, list: false, maxItemsOne: false };
  return out;
}

/**
 * The parent-identifying fields of the generated IAM resources of `resource` (templates/terraform/iam_policy.go.tmpl:
 * every one ForceNew): the parameters of the IAM base URL, or of the self link, with `{{name}}` read as the
 * `parent_resource_attribute` (resource.go `IamResourceParams`).
 */
export function iamParams(resource: Mmv1Resource): string[] {
  const uri = (resource.iam_policy?.base_url || resource.iam_policy?.self_link || resource.self_link || `${resource.base_url ?? ""}/{{name}}`).replace("{{name}}", `{{${resource.iam_policy?.parent_resource_attribute ?? "name"}}}`);
  return [...uri.matchAll(/\{\{%?(\w+)\}\}/g)].map((m) => m[1] as string);
}
