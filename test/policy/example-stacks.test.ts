import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../lib/cli/main.ts";
import { commands } from "../../lib/cli/commands.ts";
import { loadProgram } from "../../lib/plan/load-program.ts";
import { planStack, prepareStack } from "../../lib/plan/plan-stack.ts";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { repoRoot } from "../support/shared-dir.ts";

/**
 * The example stacks as the offline plan records them pass every mandatory rule; a deliberately insecure variant
 * of each (one change to the recorded plan) is refused by `stratum policy check` with exit 1 naming the rule.
 */
const reports = new Map<string, PlanReport>();

beforeAll(async () => {
  const program = await loadProgram(repoRoot);
  for (const stack of ["dev-aws", "prod-aws"]) reports.set(stack, await planStack(prepareStack(repoRoot, stack), program));
});

type Mutation = (resources: PlanResource[]) => void;

function first(resources: PlanResource[], type: string, where: (r: PlanResource) => boolean = () => true): PlanResource {
  const found = resources.find((r) => r.type === type && where(r));
  if (!found) throw new Error(`the example plan has no ${type}`);
  return found;
}

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

  it.each(variants)("with a %s is refused (exit 1) by %s", async (_, rule, mutate) => {
    const report = structuredClone(reports.get(stack)!) as PlanReport & { resources: PlanResource[] };
    mutate(report.resources);
    const { code, stdout } = await policyCheck(report);
    expect(code).toBe(1);
    expect(stdout).toMatch(new RegExp(`^mandatory  ${rule}  `, "m"));
  });
});
