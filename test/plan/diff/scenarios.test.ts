import { beforeAll, describe, expect, it } from "vitest";
import { specFromConfig } from "../../../components/spec/index.ts";
import { takeWarnings } from "../../../components/warnings.ts";
import { comparePlans } from "../../../lib/plan/diff/compare-plans.ts";
import type { ResourceDiff, StackDiff } from "../../../lib/plan/diff/diff-model.ts";
import { renderDiffMarkdown, renderDiffText } from "../../../lib/plan/diff/render-diff.ts";
import { loadProgram, type Program } from "../../../lib/plan/load-program.ts";
import type { PlanReport } from "../../../lib/plan/model.ts";
import { planStack } from "../../../lib/plan/plan-stack.ts";
import { readStackConfig } from "../../../lib/stack-config/stack-config.ts";
import { changesFromDiff } from "../../../lib/github/preview/from-plan-diff.ts";
import { githubBodyLimit, renderComment } from "../../../lib/github/preview/render-comment.ts";
import { repoRoot } from "../../support/shared-dir.ts";

/*
 * Real changes to the example stack dev-aws, each planned by the real program under the mock runtime and compared
 * with the unchanged stack: what the diff reports for each, and what it does not.
 */
let program: Program;
let base: PlanReport;

type Config = Record<string, unknown>;
const original = readStackConfig(repoRoot, "dev-aws");
const parsed = (key: string): Config => JSON.parse(original.values[key] as string) as Config;

/** Plans dev-aws with some of its `stratum:` sections replaced. */
async function planWith(sections: Record<string, unknown>): Promise<PlanReport> {
  const values = { ...original.values, ...Object.fromEntries(Object.entries(sections).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])) };
  return planStack({ stack: "dev-aws", config: { values, secretKeys: original.secretKeys }, spec: specFromConfig(values, "dev-aws") }, program, { takeWarnings });
}

const byType = (diff: StackDiff, type: string) => diff.resources.filter((r) => r.type === type);
const paths = (r: ResourceDiff | undefined) => (r?.changes ?? []).map((c) => c.path);

beforeAll(async () => {
  program = await loadProgram(repoRoot);
  base = await planWith({});
}, 120_000);

describe("plan diff on real changes to dev-aws", () => {
  it("the same stack planned twice: nothing changes", async () => {
    const diff = comparePlans(base, await planWith({}), "urn");
    expect(diff.resources).toEqual([]);
    expect(diff.summary.unchanged).toBe(base.resources.length - 1);
  });

  it("a service added: its resources are creates; nothing is deleted or replaced", async () => {
    const web = parsed("stratum:web");
    const services = web.services as Config[];
    const diff = comparePlans(base, await planWith({ "stratum:web": { ...web, services: [...services, { name: "search", path: "examples/api", port: 8080 }] } }), "urn");
    const created = diff.resources.filter((r) => r.op === "create");
    expect(created.map((r) => `${r.type} ${r.name}`)).toEqual(expect.arrayContaining(["stratum:kubernetes:Workload search", "kubernetes:apps/v1:Deployment search", "kubernetes:core/v1:Service search", "aws:ecr/repository:Repository acme-dev-search-repo"]));
    expect(diff.summary.delete).toBe(0);
    expect(diff.resources.filter((r) => r.op === "delete")).toEqual([]);
    // Nothing that exists is replaced by adding a service.
    expect(diff.summary.replaces).toBe(0);
  });

  it("a database size changed: the instance class of the one RDS instance, replacement unknown (the AWS table is not complete)", async () => {
    const data = parsed("stratum:data");
    const diff = comparePlans(base, await planWith({ "stratum:data": { ...data, database: { ...(data.database as Config), size: "large" } } }), "urn");
    expect(diff.resources).toHaveLength(1);
    const [instance] = diff.resources;
    expect(instance).toMatchObject({ op: "update", type: "aws:rds/instance:Instance", name: "acme-dev-orders", replace: "unknown" });
    // instance_class is not ForceNew in the provider file read, but that file is not pinned to the bridged version.
    expect(instance!.changes).toEqual([{ path: "instanceClass", old: "db.t4g.medium", new: "db.r7g.xlarge", replace: "unknown", replaceSource: expect.stringContaining("internal/service/rds/instance.go: not listed, and the type's entry is not complete") }]);
  });

  it("a component renamed: its URN and its children's change, each with the alias that keeps it", async () => {
    const web = parsed("stratum:web");
    const services = (web.services as Config[]).map((s) => (s.name === "orders" ? { ...s, name: "billing" } : { ...s, talksTo: ((s.talksTo as string[] | undefined) ?? []).map((t) => (t === "orders" ? "billing" : t)) }));
    const diff = comparePlans(base, await planWith({ "stratum:web": { ...web, services } }), "urn");
    const workload = byType(diff, "stratum:kubernetes:Workload").find((r) => r.name === "billing");
    expect(workload?.urnChange).toEqual({
      oldUrn: "urn:pulumi:dev-aws::stratum::stratum:kubernetes:Workloads$stratum:kubernetes:Workload::orders",
      reason: "renamed",
      aliasSuggestion: expect.stringContaining('aliases: [{ name: "orders" }]'),
    });
    expect(workload?.replace).toBe("replaces");
    // Its children are matched through the rename, not shown as a delete and an unrelated create.
    const deployment = byType(diff, "kubernetes:apps/v1:Deployment").find((r) => r.name === "billing");
    expect(deployment?.urnChange?.oldUrn).toMatch(/::orders$/);
    expect(deployment?.changes?.find((c) => c.path === "metadata.name")).toMatchObject({ old: "orders", new: "billing", replace: "replaces" });
    expect(diff.summary.delete).toBe(0);
    expect(diff.summary.create).toBe(0);
    expect(renderDiffText({ kind: "stratum-plan-diff", formatVersion: 1, old: "a", new: "b", matchBy: "urn", stacks: [diff] })).toContain('keep it with aliases: [{ name: "orders" }]');
  });

  it("a secret value changed: shown as changed, [secret] on both sides, its value printed nowhere", async () => {
    // The kubeconfig (a secret input of the Kubernetes provider) names the cluster's region.
    const diff = comparePlans(base, await planWith({ "stratum:region": "us-west-2", "aws:region": "us-west-2" }), "urn");
    const provider = byType(diff, "pulumi:providers:kubernetes")[0];
    expect(provider?.changes).toContainEqual({ path: "kubeconfig", old: "[secret]", new: "[secret]", secret: true, secretChange: "changed", replace: "unknown", replaceSource: expect.any(String) });
    const printed = [JSON.stringify(diff), renderDiffText({ kind: "stratum-plan-diff", formatVersion: 1, old: "a", new: "b", matchBy: "urn", stacks: [diff] }), renderDiffMarkdown({ kind: "stratum-plan-diff", formatVersion: 1, old: "a", new: "b", matchBy: "urn", stacks: [diff] })];
    // Fragments of the kubeconfig's value: none is in any output.
    for (const text of printed) for (const fragment of ["get-token", "certificate-authority-data", "client.authentication.k8s.io"]) expect(text).not.toContain(fragment);
  });

  it("an unchanged secret is not a change: the same kubeconfig fingerprint on both sides", async () => {
    const diff = comparePlans(base, await planWith({ "stratum:tags": { owner: "platform-team", costCenter: "cc-2000" } }), "urn");
    expect(diff.resources.length).toBeGreaterThan(0);
    expect(byType(diff, "pulumi:providers:kubernetes")).toEqual([]);
  });

  it("without fingerprints (an older plan) whether a secret changed is unknown, never assumed equal", () => {
    const strip = (p: PlanReport): PlanReport => ({ ...p, formatVersion: undefined, resources: p.resources.map(({ secretFingerprints: _f, ...r }) => r) }) as PlanReport;
    const diff = comparePlans(strip(base), strip(base), "urn");
    expect(byType(diff, "pulumi:providers:kubernetes")[0]?.changes).toEqual([expect.objectContaining({ path: "kubeconfig", secretChange: "unknown" })]);
  });

  it("the sticky comment of a large diff fits GitHub's limit: risk first, the picture kept or its collapse said", () => {
    // Every resource of dev-aws new, in eight stacks at once: far more than one comment holds in full.
    const added = comparePlans(undefined, base, "urn");
    const diff = { kind: "stratum-plan-diff", formatVersion: 1, old: "a", new: "b", matchBy: "urn", stacks: Array.from({ length: 8 }, (_, i) => ({ ...added, stack: `stack-${i}` })) } as const;
    const { body, collapsed } = renderComment({ stacks: changesFromDiff("diff.json", diff), verdicts: [], marker: "<!-- stratum:plan-diff -->", title: "stratum plan diff" });
    expect(body.length).toBeLessThanOrEqual(githubBodyLimit);
    expect(collapsed).not.toBe("");
    expect(body).toContain(`Detail collapsed to fit GitHub's 65,536-character comment limit: ${collapsed}`);
    expect(body.indexOf("Risky changes first")).toBeGreaterThan(0);
    // One stack in full keeps the per-resource picture.
    const one = renderComment({ stacks: changesFromDiff("diff.json", { ...diff, stacks: [added] }), verdicts: [], marker: "<!-- stratum:plan-diff -->" });
    expect(one.body.length).toBeLessThanOrEqual(githubBodyLimit);
    expect(one.body).toContain("```mermaid\nflowchart LR");
  });
});

