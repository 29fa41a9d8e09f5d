import { describe, expect, it } from "vitest";
import { comparePlans } from "../../../lib/plan/diff/compare-plans.ts";
import type { PlanReport, PlanResource, PlanViolation } from "../../../lib/plan/model.ts";

/* The matching and comparing rules on small plans whose every difference is known. */
const urn = (chain: string, name: string) => `urn:pulumi:dev::stratum::${chain}::${name}`;
const res = (chain: string, name: string, inputs: Record<string, unknown> = {}, parent: string | null = null, extra: Partial<PlanResource> = {}): PlanResource => ({ urn: urn(chain, name), type: chain.split("$").at(-1)!, name, parent, inputs, ...extra });
const plan = (resources: PlanResource[], violations: PlanViolation[] = [], compliance: PlanReport["compliance"] = {}): PlanReport => ({ formatVersion: 1, stack: "dev", cloud: "gcp", environment: "dev", region: "r", offline: true, outputs: {}, warnings: [], resources, violations, compliance });
const violation = (rule: string, on: string): PlanViolation => ({ rule, urn: on, message: `${rule} on ${on}`, enforcement: "mandatory", waived: false });

describe("comparePlans", () => {
  it("a resource under a new parent (same type and name) is one update with a URN change and the alias to its old parent", () => {
    const old = plan([res("stratum:data:Lake", "lake"), res("stratum:data:Lake$gcp:storage/bucket:Bucket", "raw", { location: "US" }, urn("stratum:data:Lake", "lake"))]);
    const next = plan([res("stratum:data:Lake", "lake"), res("stratum:data:Zones", "zones"), res("stratum:data:Zones$gcp:storage/bucket:Bucket", "raw", { location: "US" }, urn("stratum:data:Zones", "zones"))]);
    const diff = comparePlans(old, next, "urn");
    const bucket = diff.resources.find((r) => r.type === "gcp:storage/bucket:Bucket");
    expect(bucket).toMatchObject({ op: "update", replace: "replaces", changes: [], urnChange: { reason: "new parent", oldUrn: urn("stratum:data:Lake$gcp:storage/bucket:Bucket", "raw") } });
    expect(bucket!.urnChange!.aliasSuggestion).toContain('aliases: [{ parent: pulumi.createUrn("lake", "stratum:data:Lake") }]');
    expect(diff.summary).toMatchObject({ create: 1, update: 1, delete: 0, urnChanges: 1, replaces: 1 });
  });

  it("two of a type renamed at once, with names unrelated to a renamed parent: deletes and creates, not a guess", () => {
    const old = plan([res("gcp:storage/bucket:Bucket", "a"), res("gcp:storage/bucket:Bucket", "b")]);
    const next = plan([res("gcp:storage/bucket:Bucket", "c"), res("gcp:storage/bucket:Bucket", "d")]);
    const diff = comparePlans(old, next, "urn");
    expect(diff.resources.map((r) => `${r.op} ${r.name}`).sort()).toEqual(["create c", "create d", "delete a", "delete b"]);
  });

  it("inputs: added, removed, changed, a list of another length as one change, equal lists untouched", () => {
    const old = plan([res("gcp:compute/firewall:Firewall", "fw", { name: "fw", ports: ["80"], sourceRanges: ["10.0.0.0/8"], description: "old" })]);
    const next = plan([res("gcp:compute/firewall:Firewall", "fw", { name: "fw", ports: ["80"], sourceRanges: ["10.0.0.0/8", "0.0.0.0/0"], priority: 900 })]);
    const [fw] = comparePlans(old, next, "urn").resources;
    expect(fw!.changes!.map(({ replace: _r, replaceSource: _s, ...c }) => c)).toEqual([
      { path: "description", old: "old" },
      { path: "priority", new: 900 },
      { path: "sourceRanges", old: ["10.0.0.0/8"], new: ["10.0.0.0/8", "0.0.0.0/0"] },
    ]);
    // The GCP table covers the types the stacks plan; a firewall is not one of them: every verdict says so.
    expect(new Set(fw!.changes!.map((c) => c.replace))).toEqual(new Set(["unknown"]));
    expect([...new Set(fw!.changes!.map((c) => c.replaceSource))]).toEqual([expect.stringContaining("gcp:compute/firewall:Firewall is not in the table")]);
  });

  it("a stack on one side only is all creates or all deletes", () => {
    const only = plan([res("azure-native:storage:StorageAccount", "sa")]);
    expect(comparePlans(undefined, only, "urn")).toMatchObject({ oldStack: null, newStack: "dev", summary: { create: 1 } });
    expect(comparePlans(only, undefined, "urn")).toMatchObject({ oldStack: "dev", newStack: null, summary: { delete: 1 } });
  });

  it("policy: introduced, fixed and unchanged violations (a renamed resource's kept), and controls whose status changed", () => {
    const a = res("gcp:storage/bucket:Bucket", "a");
    const b = res("gcp:storage/bucket:Bucket", "b");
    const renamed = res("gcp:storage/bucket:Bucket", "b2");
    const old = plan([a, b], [violation("no-public-data", a.urn), violation("encryption", b.urn)], { soc2: [{ control: "CC6.1", rules: [], status: "violated" }, { control: "CC7.2", rules: [], status: "pass" }] });
    const next = plan([a, renamed], [violation("encryption", renamed.urn), violation("key-rotation", a.urn)], { soc2: [{ control: "CC6.1", rules: [], status: "pass" }, { control: "CC7.2", rules: [], status: "pass" }], gdpr: [{ control: "Art. 32", rules: [], status: "violated" }] });
    const { policy } = comparePlans(old, next, "urn");
    expect(policy.introduced.map((v) => v.rule)).toEqual(["key-rotation"]);
    expect(policy.fixed.map((v) => v.rule)).toEqual(["no-public-data"]);
    expect(policy.unchanged.map((v) => v.rule)).toEqual(["encryption"]);
    expect(policy.controls).toEqual([
      { framework: "gdpr", control: "Art. 32", new: "violated" },
      { framework: "soc2", control: "CC6.1", old: "violated", new: "pass" },
    ]);
  });
});
