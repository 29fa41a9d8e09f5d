import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../commands/main.ts";
import { commands } from "../../commands/index.ts";
import { prepareStack } from "../../lib/plan/prepare-stack.ts";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { findings } from "../../policy/evaluate.ts";
import { policyContextFromSpec } from "../../policy/context.ts";
import { ciIdentityFederated } from "../../policy/rules/ci-trust.ts";
import { first, insecureMutations, type Mutation } from "./insecure-mutations.ts";
import { examplePlan } from "../support/example-plans.ts";

/**
 * The example stacks as the offline plan records them pass every mandatory rule; a deliberately insecure variant
 * of each (one change to the recorded plan) is refused by `stratum policy check` with exit 1 naming the rule.
 */
const reports = new Map<string, PlanReport>();

beforeAll(async () => {
  for (const stack of ["dev-aws", "prod-aws"]) reports.set(stack, await examplePlan(stack));
});


function edit(resource: PlanResource, change: (inputs: Record<string, unknown>) => void): void {
  change(resource.inputs as Record<string, unknown>);
}

const variants: [string, string, Mutation][] = [
  ["public bucket", "no-public-data", (rs) => edit(first(rs, "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", (r) => r.name.includes("raw")), (i) => Object.assign(i, { blockPublicPolicy: false, restrictPublicBuckets: false }))],
  ["unencrypted database", "encryption-at-rest-cmk", (rs) => edit(first(rs, "aws:rds/instance:Instance"), (i) => { i["storageEncrypted"] = false; delete i["kmsKeyId"]; })],
  ["wildcard IAM", "no-wildcard-iam", (rs) => edit(first(rs, "aws:iam/rolePolicy:RolePolicy"), (i) => { i["policy"] = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }); })],
  ["privileged pod", "k8s-restricted-pod-security", (rs) => edit(first(rs, "kubernetes:apps/v1:Deployment"), (i) => {
    const containers = (i as { spec: { template: { spec: { containers: { securityContext: Record<string, unknown> }[] } } } }).spec.template.spec.containers;
    containers[0]!.securityContext = { ...containers[0]!.securityContext, privileged: true, allowPrivilegeEscalation: true };
  })],
  ["tag missing", "required-tags", (rs) => edit(first(rs, "aws:rds/instance:Instance"), (i) => { i["tags"] = { ...(i["tags"] as object), owner: undefined }; })],
  ["resource outside the allowed regions", "data-residency", (rs) => edit(first(rs, "pulumi:providers:aws"), (i) => { i["region"] = "eu-central-1"; })],
];

async function policyCheck(report: PlanReport): Promise<{ code: number; stdout: string }> {
  const file = join(mkdtempSync(join(tmpdir(), "stratum-policy-variant-")), `${report.stack}.json`);
  writeFileSync(file, JSON.stringify(report));
  let stdout = "";
  const code = await runCli(commands, ["policy", "check", file, "--stack", report.stack], { stdout: (t) => void (stdout += t), stderr: () => {}, env: {}, cwd: repoRoot });
  return { code, stdout };
}

describe.each(["dev-aws", "prod-aws"])("the example stack %s", (stack) => {
  it("passes every mandatory rule, offline and through `stratum policy check` on its plan", async () => {
    const report = reports.get(stack)!;
    expect(report.violations?.filter((v) => v.enforcement === "mandatory" && !v.waived)).toEqual([]);
    expect(Object.keys(report.compliance ?? {}).length).toBeGreaterThan(0);
    expect((await policyCheck(report)).code).toBe(0);
  });

  it.each(variants)("with a %s is refused (exit 1) by %s", async (_, rule, mutate) => expectRefused(stack, rule, mutate));
});

/** One change to the stack's recorded plan, then `stratum policy check` on it: exit 1 with a mandatory violation of `rule`. */
async function expectRefused(stack: string, rule: string, mutate: Mutation): Promise<void> {
  const report = structuredClone(reports.get(stack)!) as PlanReport & { resources: PlanResource[] };
  mutate(report.resources);
  const { code, stdout } = await policyCheck(report);
  expect(code).toBe(1);
  expect(stdout).toMatch(new RegExp(`^mandatory  ${rule}  `, "m"));
}

describe.each(["dev-aws", "prod-aws"])("insecure mutations of %s", (stack) => {
  it.each(insecureMutations.map((m) => [m.kind, m.what, m.rule, m.mutate] as const))("%s: %s is refused (exit 1) by %s", async (_kind, _what, rule, mutate) => expectRefused(stack, rule, mutate));
});

describe.each(["dev-aws", "prod-aws"])("the GitHub trust of the roles %s generates", (stack) => {
  const ctx = () => policyContextFromSpec(prepareStack(repoRoot, stack).spec);
  const githubRoles = () => reports.get(stack)!.resources.filter((r) => r.type === "aws:iam/role:Role" && String(r.inputs["assumeRolePolicy"]).includes("AssumeRoleWithWebIdentity"));

  it("names the plan's OIDC provider by reference, not by the issuer's host, and passes the rule", () => {
    const provider = first(reports.get(stack)!.resources as PlanResource[], "aws:iam/openIdConnectProvider:OpenIdConnectProvider");
    expect(provider.inputs["url"]).toBe("https://token.actions.githubusercontent.com");
    expect(githubRoles().length).toBeGreaterThanOrEqual(2);
    for (const role of githubRoles()) expect(String(role.inputs["assumeRolePolicy"])).not.toContain("oidc-provider/token.actions");
    expect(findings(ciIdentityFederated, reports.get(stack)!.resources, ctx())).toEqual([]);
  });

  it("fails each of them once widened with StringLike, naming the role", () => {
    for (const role of githubRoles()) {
      const resources = structuredClone(reports.get(stack)!.resources) as PlanResource[];
      const copy = resources.find((r) => r.urn === role.urn)!;
      const document = JSON.parse(String(copy.inputs["assumeRolePolicy"]));
      document.Statement[0].Condition.StringLike = { "token.actions.githubusercontent.com:sub": "repo:acme/*" };
      (copy.inputs as Record<string, unknown>)["assumeRolePolicy"] = JSON.stringify(document);
      expect(findings(ciIdentityFederated, resources, ctx())).toEqual([{ urn: role.urn, message: expect.stringContaining("StringLike") }]);
    }
  });
});
