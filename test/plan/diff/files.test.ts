import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.ts";
import { runCli } from "../../../commands/main.ts";
import type { PlanDiff } from "../../../lib/plan/diff/diff-model.ts";
import type { PlanReport } from "../../../lib/plan/model.ts";
import { exampleStackConfig, projectWithStacks } from "../../support/stack-files.ts";
import { examplePlan } from "../../support/example-plans.ts";

/* `stratum plan diff OLD.json NEW.json`: two plan files, two revisions of a stack or two stacks. */
const work = mkdtempSync(join(tmpdir(), "stratum-plan-diff-files-"));
let dev: PlanReport;
let prod: PlanReport;

beforeAll(async () => {
  [dev, prod] = [await examplePlan("dev-aws"), await examplePlan("prod-aws")];
  writeFileSync(join(work, "dev.json"), JSON.stringify(dev));
  writeFileSync(join(work, "prod.json"), JSON.stringify(prod));
}, 120_000);

async function diff(args: string[]) {
  let stdout = "";
  let stderr = "";
  const out = join(work, `out-${Math.random().toString(36).slice(2)}`);
  const code = await runCli(commands, ["plan", "diff", ...args, "--out", out], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd: work });
  return { code, stdout, stderr, out, diff: existsSync(join(out, "diff.json")) ? (JSON.parse(readFileSync(join(out, "diff.json"), "utf8")) as PlanDiff) : undefined };
}

describe("stratum plan diff OLD.json NEW.json", () => {
  it("two stacks (dev-aws, prod-aws) are matched by type and logical name, and their differences are updates", async () => {
    const r = await diff(["dev.json", "prod.json", "--format", "json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.diff!.matchBy).toBe("name");
    const [stack] = r.diff!.stacks;
    expect(stack!.stack).toBe("dev-aws→prod-aws");
    // The same database, larger and protected in prod: an update of one resource, not a delete and a create.
    const database = stack!.resources.find((x) => x.type === "aws:rds/instance:Instance");
    expect(database?.op).toBe("update");
    expect(database?.changes?.map((c) => c.path)).toEqual(expect.arrayContaining(["deletionProtection", "instanceClass", "multiAz"]));
    expect(stack!.summary.unchanged + stack!.summary.update).toBeGreaterThan(100);
  });

  it("--format markdown prints what diff.md holds: the stack's line, then each change as a row", async () => {
    const r = await diff(["dev.json", "prod.json", "--format", "markdown"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(r.out, "diff.md"), "utf8"));
    expect(r.stdout).toContain("## dev-aws→prod-aws\n\n");
    // dev and prod encrypt the database with different KMS keys: terraform-provider-aws replaces on kms_key_id.
    expect(r.stdout).toMatch(/\| ± \| `acme-prod-orders` \| `aws:rds\/instance:Instance` \| replaces \|/);
    expect(r.stdout).toMatch(/\|  \|  \| `kmsKeyId` \| replaces \| /);
    expect(r.stdout).toMatch(/\|  \|  \| `instanceClass` \| unknown \| "db\.t4g\.medium" → "db\.[a-z0-9]+\.[a-z0-9]+" \|/);
  });

  it("the same plan twice: no changes, exit 0", async () => {
    const r = await diff(["dev.json", "dev.json"]);
    expect(r.code).toBe(0);
    expect(r.diff!.stacks[0]!.resources).toEqual([]);
    expect(r.stdout).toContain("dev-aws: 0 to create, 0 to update (0 replaced, 0 URN changes), 0 to delete");
  });

  it.each([
    ["plans of different format versions", () => writeFileSync(join(work, "v2.json"), JSON.stringify({ ...dev, formatVersion: 2 })), ["dev.json", "v2.json"], /v2\.json: plan format version 2; this stratum reads version 1/],
    ["an unreadable plan file", () => {}, ["dev.json", "missing.json"], /missing\.json: cannot read \(no such file\)/],
    ["a file that is not a plan", () => writeFileSync(join(work, "other.json"), '{"steps": []}'), ["dev.json", "other.json"], /other\.json: expected an offline plan/],
    ["one file", () => {}, ["dev.json"], /expected --base REF or two plan files/],
    ["--stack without --base", () => {}, ["dev.json", "prod.json", "--stack", "dev-aws"], /--stack and --all go with --base/],
  ])("%s is bad input: exit 2, nothing written", async (_what, setup, args, message) => {
    setup();
    const r = await diff(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(existsSync(r.out)).toBe(false);
  });
});

describe("a secret config value changed", () => {
  it("is reported by key as changed, from its ciphertext's fingerprint, its ciphertext printed nowhere", async () => {
    const config = (ciphertext: string) => ({ ...exampleStackConfig("dev-aws"), "acme:apiToken": { secure: ciphertext } });
    const before = projectWithStacks({ "dev-aws": config("v1:Q2lwaGVydGV4dE9uZQ==") });
    const after = projectWithStacks({ "dev-aws": config("v1:Q2lwaGVydGV4dFR3bw==") });
    const planOf = async (root: string) => {
      const out = join(root, "plans");
      expect(await runCli(commands, ["plan", "--stack", "dev-aws", "--out", out], { stdout: () => {}, stderr: () => {}, env: {}, cwd: root })).toBe(0);
      return join(out, "dev-aws.json");
    };
    const [a, b] = [await planOf(before), await planOf(after)];
    for (const file of [a, b]) expect(readFileSync(file, "utf8")).not.toContain("Q2lwaGVydGV4d");
    writeFileSync(join(work, "secret-a.json"), readFileSync(a));
    writeFileSync(join(work, "secret-b.json"), readFileSync(b));
    const r = await diff(["secret-a.json", "secret-b.json"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.diff!.stacks[0]!.configSecrets).toEqual([{ key: "acme:apiToken", change: "changed" }]);
    expect(r.stdout).toContain("config secret acme:apiToken: changed ([secret])");
    for (const text of [r.stdout, readFileSync(join(r.out, "diff.json"), "utf8"), readFileSync(join(r.out, "diff.md"), "utf8")]) expect(text).not.toContain("Q2lwaGVydGV4d");
    // The same value on both sides: nothing to report.
    expect((await diff(["secret-a.json", "secret-a.json"])).diff!.stacks[0]!.configSecrets).toBeUndefined();
  }, 120_000);
});
