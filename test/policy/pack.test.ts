import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot as root } from "../support/shared-dir.ts";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toPolicies } from "../../policy/pack.ts";
import { packWaiversPath } from "../../policy/pack-waivers.ts";
import { expiredWaiverRule } from "../../policy/waivers.ts";
import { noPublicDatabase } from "../../policy/rules/public-access.ts";
import { denyInsecureTransport } from "../../policy/rules/transport.ts";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { context } from "./fixtures.ts";
import { packViolations } from "./pack-eval.ts";
import { allRules } from "../../policy/rules/index.ts";
import { res } from "./fixtures.ts";

const packDir = join(root, "policy");

/** Runs node in the pack folder (the CLI's cwd), killing it after `timeoutMs` as a safety net. */
function runNode(args: readonly string[], untilStdout?: RegExp, timeoutMs = 30_000): Promise<{ code: number | null; stdout: string; stderr: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: packDir, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let killed = false;
    const stop = () => {
      killed = true;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(stop, timeoutMs);
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      if (untilStdout?.test(stdout)) stop();
    });
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

describe("the policy pack entry", () => {
  it("constructs exactly one PolicyPack with every rule, and nothing else keeps the process alive", async () => {
    const result = await runNode(["--import", fileURLToPath(new URL("./count-policy-packs.mjs", import.meta.url)), "index.ts"]);
    expect(result.killed, result.stderr).toBe(false);
    expect(result.code, result.stderr).toBe(0);
    const packs = JSON.parse(/PACKS (.*)/.exec(result.stdout)?.[1] ?? "null");
    expect(packs).toEqual([{ name: "stratum", version: "0.1.0", enforcementLevel: "mandatory", policies: [...allRules.map((r) => r.id), expiredWaiverRule] }]);
  });

  it("is served by Pulumi's own policy runner (run-policy-pack), which prints the analyzer's port", async () => {
    const runner = join(root, "node_modules/@pulumi/pulumi/cmd/run-policy-pack");
    const result = await runNode([runner, "127.0.0.1:0", "."], /^\d+\s*$/m, 45_000);
    expect(result.stderr).toBe("");
    expect(result.stdout).toMatch(/^\d+\s*$/m);
  }, 60_000);

  it("has the files the Pulumi CLI expects", () => {
    const manifest = parse(readFileSync(join(packDir, "PulumiPolicy.yaml"), "utf8"));
    expect(manifest.runtime.name).toBe("nodejs");
    expect(manifest.description).toMatch(/stratum/);
    const pkg = JSON.parse(readFileSync(join(packDir, "package.json"), "utf8"));
    expect(pkg).toMatchObject({ type: "module", main: "index.ts", version: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    expect(Object.keys(pkg.dependencies)).toEqual(expect.arrayContaining(["@pulumi/policy", "@pulumi/pulumi"]));
    expect(existsSync(join(packDir, pkg.main))).toBe(true);
  });
});

describe("the CrossGuard adapter", () => {
  const policies = toPolicies(allRules);
  const byName = (name: string) => policies.find((p) => p.name === name)!;

  it("gives every policy a config schema without enforcementLevel (the server refuses that)", () => {
    for (const p of policies) expect(p.configSchema?.properties["enforcementLevel"]).toBeUndefined();
    expect(new Set(policies.map((p) => p.name)).size).toBe(allRules.length + 1);
  });

  it("reports resource violations through validateResource with the policy config's context", async () => {
    const messages: string[] = [];
    const policy = byName("no-public-database");
    const validate = "validateResource" in policy ? policy.validateResource : undefined;
    const fn = Array.isArray(validate) ? validate[0] : validate;
    const r = res("aws:rds/instance:Instance", "db", { publiclyAccessible: true });
    await fn!({ type: r.type, props: r.inputs, urn: r.urn, name: r.name, getConfig: () => ({ environment: "prod" }) } as never, (m: string) => messages.push(m));
    expect(messages).toEqual(["database is publicly accessible (publiclyAccessible true)"]);
  });

  it("reports stack violations against the resource they concern", async () => {
    const found: [string, string | undefined][] = [];
    const policy = byName("deny-insecure-transport");
    const validate = "validateStack" in policy ? policy.validateStack : undefined;
    const bucket = res("aws:s3/bucket:Bucket", "b", { bucket: "acme-b" });
    await validate!({ resources: [{ type: bucket.type, props: bucket.inputs, urn: bucket.urn, name: bucket.name }], getConfig: () => ({}) } as never, (m: string, urn?: string) => found.push([m, urn]));
    expect(found).toEqual([[expect.stringContaining("aws:SecureTransport"), bucket.urn]]);
  });
});

describe("waivers in the pack", () => {
  const today = () => new Date("2026-06-01T12:00:00Z");
  const db = res("aws:rds/instance:Instance", "db", { publiclyAccessible: true });
  const bucket = res("aws:s3/bucket:Bucket", "logs", { bucket: "acme-logs" });
  const file = (text: string) => {
    const path = join(mkdtempSync(join(tmpdir(), "stratum-pack-waivers-")), "waivers.yaml");
    writeFileSync(path, text);
    return path;
  };
  const waiver = (id: string, urn: string, expires: string) => `  - id: ${id}\n    urn: "${urn}"\n    reason: r\n    approver: a@example.com\n    expires: ${expires}\n`;

  it("does not report a violation a waiver in force covers, as the CLI does not block on it", async () => {
    const waivers = file(`waivers:\n${waiver("no-public-database", "*::db", "2026-06-30")}${waiver("deny-insecure-transport", "*::logs", "2026-06-30")}`);
    expect(await packViolations(noPublicDatabase, [db], context(), {}, today)).toHaveLength(1);
    expect(await packViolations(noPublicDatabase, [db], context(), { waivers }, today)).toEqual([]);
    expect(await packViolations(denyInsecureTransport, [bucket], context(), { waivers }, today)).toEqual([]);
    // A waiver for another resource waives nothing here.
    const elsewhere = file(`waivers:\n${waiver("no-public-database", "*::other", "2026-06-30")}`);
    expect(await packViolations(noPublicDatabase, [db], context(), { waivers: elsewhere }, today)).toHaveLength(1);
  });

  it("reports every expired waiver through the waiver-expired policy, and the expired waiver waives nothing", async () => {
    const waivers = file(`waivers:\n${waiver("no-public-database", "*::db", "2026-05-31")}`);
    expect(await packViolations(noPublicDatabase, [db], context(), { waivers }, today)).toHaveLength(1);
    const expired = toPolicies(allRules, today).find((p) => p.name === expiredWaiverRule)!;
    const found: string[] = [];
    await ("validateStack" in expired ? expired.validateStack : undefined)!({ resources: [], getConfig: () => ({ waivers }) } as never, (m: string) => void found.push(m));
    expect(found).toEqual([`${waivers}: waivers[0] (no-public-database, approved by a@example.com) expired on 2026-05-31; renew or remove it`]);
  });

  it("fails the preview on a malformed or duplicated waivers file, naming it, rather than enforcing without it", async () => {
    const broken = file("waivers:\n  - id: no-public-database\n");
    await expect(packViolations(noPublicDatabase, [db], context(), { waivers: broken }, today)).rejects.toThrow(/waivers\.yaml: waivers\[0\]\.reason: missing/);
    const twice = file(`waivers:\n${waiver("no-public-database", "*::db", "2026-06-30")}${waiver("no-public-database", "*::db", "2026-07-30")}`);
    await expect(packViolations(noPublicDatabase, [db], context(), { waivers: twice }, today)).rejects.toThrow(/waivers\[0\] and waivers\[1\]: duplicate waiver/);
  });

  it("without a waivers key reads the repository's policy/waivers.yaml beside the pack; a relative key is from the repository root", () => {
    expect(packWaiversPath({})).toBe(join(packDir, "waivers.yaml"));
    expect(packWaiversPath({ waivers: "ops/waivers.yaml" })).toBe(join(root, "ops/waivers.yaml"));
    expect(packWaiversPath({ waivers: "/abs/w.yaml" })).toBe("/abs/w.yaml");
  });
});
