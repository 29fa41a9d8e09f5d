import { describe, expect, it } from "vitest";
import { forceNewCalls, customizeDiff, type Conditional } from "../../../scripts/replace-table/customize-diff.ts";
import { forceNewPaths, resourceSchema, untemplate } from "../../../scripts/replace-table/go-schema.ts";
import { iamParams, mmv1Fields, type Mmv1Resource } from "../../../scripts/replace-table/mmv1.ts";

/* The readers the GCP table is generated with, on the shapes magic-modules writes. */
describe("the Go schema reader", () => {
  const go = untemplate(`
func ResourceThing() *schema.Resource {
	return &schema.Resource{
		CustomizeDiff: customdiff.All(
			tpgresource.DefaultProviderProject,
			customdiff.ForceNewIfChange("size", isShrink),
			thingDiff,
		),
		Schema: map[string]*schema.Schema{
			"name": {
				Type:     schema.TypeString,
				Required: true,
				ForceNew: true,
				Description: \`a "quoted" { brace } in a description\`,
			},
			// "commented": { ForceNew: true },
			"size": {Type: schema.TypeInt, Optional: true},
			"config": {
				Type:     schema.TypeList,
				MaxItems: 1,
				Optional: true,
				Elem: &schema.Resource{
					Schema: map[string]*schema.Schema{
						"zone": {Type: schema.TypeString, Optional: true, ForceNew: true},
{{- if ne $.TargetVersionName "ga" }}
						"beta_only": {Type: schema.TypeBool, Optional: true, ForceNew: true},
{{- end }}
					},
				},
			},
			"pool": schemaPool(),
			"computed": {Type: schema.TypeString, Computed: true, ForceNew: true},
		},
	}
}

func schemaPool() *schema.Schema {
	return &schema.Schema{Type: schema.TypeList, Optional: true, Elem: &schema.Resource{Schema: map[string]*schema.Schema{
		"count": {Type: schema.TypeInt, Optional: true},
		"machine": {Type: schema.TypeString, Optional: true, ForceNew: true},
	}}}
}

func thingDiff(_ context.Context, d *schema.ResourceDiff, meta interface{}) error {
	return d.ForceNew("config.0.zone_two")
}
`);
  const resolve = (name: string) => {
    const at = go.search(new RegExp(`^func ${name}\\(`, "m"));
    return at < 0 ? undefined : go.slice(at);
  };
  const schema = resourceSchema(go, "ResourceThing", resolve);

  it("reads ForceNew at every level, through helpers and template branches, and not from comments", () => {
    expect(forceNewPaths(schema.fields).sort()).toEqual(["computed", "config.beta_only", "config.zone", "name", "pool.machine"]);
    expect(schema.fields.config).toMatchObject({ list: true, maxItemsOne: true });
    expect(schema.fields.computed?.output).toBe(true);
    expect(schema.unresolved).toEqual([]);
  });

  it("collects what a CustomizeDiff forces new under a condition, and what it cannot read", () => {
    const cd: Conditional = { fields: [], unresolved: [] };
    customizeDiff(schema.customizeDiff, resolve, cd);
    expect(cd.fields.sort()).toEqual(["config.zone_two", "size"]);
    // tpgresource.DefaultProviderProject is not in this source: not complete rather than assumed harmless.
    expect(cd.unresolved).toEqual(["CustomizeDiff tpgresource.DefaultProviderProject not found"]);
    const dynamic: Conditional = { fields: [], unresolved: [] };
    forceNewCalls("if err := d.ForceNew(key); err != nil {", dynamic);
    expect(dynamic.unresolved).toEqual(["ForceNew(key)"]);
  });
});

describe("mmv1's ForceNew rule", () => {
  const resource: Mmv1Resource = {
    name: "Thing",
    immutable: true,
    base_url: "projects/{{project}}/locations/{{location}}/things",
    self_link: "projects/{{project}}/locations/{{location}}/things/{{name}}",
    iam_policy: { parent_resource_attribute: "thing" },
    parameters: [{ name: "location", type: "String", immutable: true, url_param_only: true }],
    properties: [
      { name: "displayName", type: "String", update_url: "things/{{name}}:rename" },
      { name: "labels", type: "KeyValueLabels" },
      { name: "settings", type: "NestedObject", properties: [{ name: "tier", type: "String" }, { name: "zone", type: "String", output: true }] },
      { name: "stateInfo", type: "String", output: true },
    ],
  };

  it("an immutable resource: every field without its own update_url, nested ones under a ForceNew parent; not labels or outputs", () => {
    const fields = mmv1Fields(resource);
    expect(forceNewPaths(fields).sort()).toEqual(["location", "project", "settings", "settings.tier"]);
  });

  it("a mutable resource: only fields marked immutable", () => {
    expect(forceNewPaths(mmv1Fields({ ...resource, immutable: false })).sort()).toEqual(["location", "project"]);
  });

  it("the IAM resources' parent parameters come from the self link, its name read as the parent attribute", () => {
    expect(iamParams(resource)).toEqual(["project", "location", "thing"]);
  });
});
