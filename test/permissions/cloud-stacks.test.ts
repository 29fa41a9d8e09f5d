import { beforeAll, describe, expect, it } from "vitest";
import { azureRoles } from "../../lib/permissions/azure-roles.ts";
import { checkPermissions, describeFinding, type PermissionReport } from "../../lib/permissions/check.ts";
import { ciRoleBindings, tablePairs, unlistedBindings } from "../../lib/permissions/ci-roles.ts";
import { gcpRoles } from "../../lib/permissions/gcp-roles.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { listStacks } from "../../lib/stack-config/stack-config.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { jobsFor } from "./fixture.ts";
import { examplePlannedStack } from "../support/example-plans.ts";

/**
 * The offline permission check on the real GCP and Azure example stacks: every generated job that acts on a GCP
 * or Azure stack logs in as an identity its token may use, and may do every action its steps declare on the
 * exact resource; and the roles the plans bind to CI identities are exactly those the role tables list.
 */
const clouds = {
  gcp: { stacks: ["dev-gcp", "prod-gcp"], table: gcpRoles, siteRole: "roles/storage.objectUser" },
  azure: { stacks: ["dev-azure", "prod-azure"], table: azureRoles, siteRole: "Storage Blob Data Contributor" },
} as const;
const plans = new Map<string, PlanReport>();
/** A cloud's example stacks are written with its drivers: the suite of a cloud whose stacks stacks/ lacks does not run. */
const present = Object.entries(clouds).filter(([, { stacks }]) => stacks.every((s) => listStacks(repoRoot).includes(s)));

it("knows which clouds' example stacks are here", () => {
  expect(present.map(([cloud]) => cloud)).toEqual(Object.keys(clouds).filter((c) => listStacks(repoRoot).some((s) => s.endsWith(`-${c}`))));
});

describe.each(present)("the permission check on the %s example stacks", (cloud, { stacks, table, siteRole }) => {
  let report: PermissionReport;
  let check: (planned: readonly PlanReport[]) => Promise<PermissionReport>;
  beforeAll(async () => {
    // One after the other: the mock runtime a plan runs under is process-wide.
    for (const s of stacks) plans.set(s, await examplePlannedStack(s));
    const platform = workflowPlatform(loadStackSpecs(repoRoot));
    check = (planned) => checkPermissions(jobsFor(workflows(platform), stacks), planned, platform.repository);
    report = await check(stacks.map((s) => plans.get(s)!));
  }, 120_000);

  it("finds no job that cannot log in or cannot do what a step declares", () => {
    expect(report.findings.map(describeFinding)).toEqual([]);
  });

  it("evaluates every job of these stacks: publish, deploy, preview and drift, each with its identity", () => {
    const jobs = (stack: string) => report.logins.filter((l) => l.stack === stack).map((l) => `${l.job} ${l.kind}`);
    for (const stack of stacks) {
      expect(jobs(stack), stack).toEqual(expect.arrayContaining([`publish-${stack} publish`, `deploy-${stack} deploy`, `preview-${stack} preview`, `drift-${stack} preview`]));
    }
    const acted = new Set(report.allowed.map((a) => a.job));
    for (const stack of stacks) for (const job of [`publish-${stack}`, `deploy-${stack}`]) expect(acted.has(job), `${job} has allowed requests`).toBe(true);
    expect(report.allowed.filter((a) => a.action.startsWith("Kubernetes API")).length, `${cloud}: the cluster's own authorization`).toBeGreaterThan(0);
  });

  it("binds exactly the role table's roles to the CI identities, each to the identities the table names", async () => {
    const bound = (await Promise.all(stacks.map((s) => ciRoleBindings(plans.get(s)!)))).flat();
    expect(unlistedBindings(table, bound)).toEqual([]);
    expect([...new Set(bound.map((b) => `${b.kind} ${b.role}`))].sort()).toEqual(tablePairs(table));
  });

  it("fails on the upload steps alone, naming the action and the site, when the deploy identity's site role is removed", async () => {
    const [dev, ...others] = stacks.map((s) => plans.get(s)!);
    const bindings = (await ciRoleBindings(dev!)).filter((b) => b.kind === "deploy" && b.role === siteRole);
    expect(bindings.length, `${dev!.stack} binds ${siteRole} to the deploy identity`).toBeGreaterThan(0);
    const by = new Set(bindings.map((b) => b.by));
    const without = { ...dev!, resources: dev!.resources.filter((r) => !by.has(r.name)) };
    const found = (await check([without, ...others])).findings;
    expect(new Set(found.map((f) => `${f.job} / ${f.step}`))).toEqual(new Set([`deploy-${dev!.stack} / Upload the front end`]));
    expect(found.every((f) => f.reason.startsWith("is denied: no "))).toBe(true);
  });
});

/**
 * The review workflow is generated for a repository's first dev stack, dev-aws here; a repository of one cloud's
 * stacks gets its review environments on that cloud's dev cluster. Its jobs log in as the dev stack's review
 * identity, and the in-cluster part of a review environment (the `pr-<n>` namespace and what runs in it) must be
 * granted to that identity by the cluster's own authorization.
 */
describe.each(present)("the permission check on the review workflow of a repository of %s stacks", (cloud, { stacks }) => {
  /** The stacks' plans, one after the other (the mock runtime is process-wide), reusing those planned above. */
  const planned = async () => {
    for (const s of stacks) if (!plans.has(s)) plans.set(s, await examplePlannedStack(s));
    return stacks.map((s) => plans.get(s)!);
  };
  const reviewJobs = () => {
    const platform = workflowPlatform(loadStackSpecs(repoRoot).filter((s) => stacks.includes(s.stack as never)));
    return { platform, review: jobsFor(workflows(platform), stacks).filter((w) => w.fileName === "review.yml") };
  };

  it("logs every review job in as the dev stack's review identity, and allows every declared action, the review stack's Kubernetes API included", async () => {
    const { platform, review } = reviewJobs();
    expect(review).toHaveLength(1);
    const report = await checkPermissions(review, await planned(), platform.repository);
    expect(report.findings.map(describeFinding)).toEqual([]);
    expect(report.logins.map((l) => l.job).sort()).toEqual(["down", "janitor", "publish", "up"]);
    expect(new Set(report.logins.map((l) => l.kind))).toEqual(new Set(["review"]));
    const kubernetes = report.allowed.filter((a) => a.action.startsWith("Kubernetes API")).map((a) => a.job);
    expect(kubernetes, `${cloud}: the review stack's up and down reach the dev cluster's API`).toEqual(expect.arrayContaining(["up", "down"]));
  });

  it("denies the review stack's Kubernetes API, naming the identity, when the cluster binds the review identity nothing", async () => {
    const { platform, review } = reviewJobs();
    const [dev, ...others] = await planned();
    const unbound = { ...dev!, resources: dev!.resources.filter((r) => !/ClusterRoleBinding$/.test(r.type) || !String(r.name).startsWith("stratum-review-namespaces")) };
    const found = (await checkPermissions(review, [unbound, ...others], platform.repository)).findings;
    expect(found.some((f) => f.job === "up" && f.action.startsWith("Kubernetes API") && f.reason.startsWith("is denied: no "))).toBe(true);
  });
});
