import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot as root } from "../support/shared-dir.ts";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { toPolicies } from "../../policy/pack.ts";
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
    expect(packs).toEqual([{ name: "stratum", version: "0.1.0", enforcementLevel: "mandatory", policies: allRules.map((r) => r.id) }]);
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
    expect(new Set(policies.map((p) => p.name)).size).toBe(allRules.length);
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
