import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { runCli } from "../../commands/main.ts";
import { commands } from "../../commands/index.ts";
import type { CommandIo } from "../../lib/cli/command.ts";
import { ExitCode } from "../../lib/cli/exit-codes.ts";
import { workflowFileLimit } from "../../workflows/synth.ts";
import { servicesOf } from "../../bench/generated-stack.ts";
import { repoRoot } from "./fixture.ts";

/**
 * GitHub starts no run of a workflow file over 500 KB, and the per-workload jobs grow the deploy workflow by about
 * 7 kB a workload: synth refuses to write workflows GitHub would not run, naming each file, rather than leaving the
 * platform's CI to fail silently after the push.
 */

/** A repository with one stack, dev-aws with `services` services (copies of its own), and the example apps. */
function platformWith(services: number): string {
  const root = mkdtempSync(join(tmpdir(), "stratum-workflow-size-"));
  const config = parse(readFileSync(join(repoRoot, "stacks", "Pulumi.dev-aws.yaml"), "utf8")) as { config: Record<string, { services: { name: string }[] }> };
  config.config["stratum:web"]!.services = servicesOf(config.config["stratum:web"]!.services, services);
  mkdirSync(join(root, "stacks"));
  writeFileSync(join(root, "stacks", "Pulumi.dev-aws.yaml"), stringify(config, { aliasDuplicateObjects: false }));
  symlinkSync(join(repoRoot, "examples"), join(root, "examples"));
  return root;
}

async function synth(root: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CommandIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: root };
  const code = await runCli(commands, ["synth"], io);
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("workflow files GitHub would run", () => {
  it("refuses 70 services: exit 2, deploy.yml named with its size and the workloads one repository can hold, nothing written", async () => {
    const root = platformWith(70);
    const r = await synth(root);
    expect(r.code).toBe(ExitCode.badInput);
    expect(r.stderr).toMatch(/\.github\/workflows\/deploy\.yml: \d+ bytes, over GitHub's limit of 500000 bytes \(500 KB\) for a workflow file, so GitHub would start no run of it; the stacks have 72 workloads and each adds about 7 kB to it: expected at most about \d+ workloads/);
    // review.yml is just under the limit at 70 services: only the file over it is named.
    expect(r.stderr).not.toContain("review.yml");
    expect(existsSync(join(root, ".github"))).toBe(false);
  });

  it("writes 60 services' workflows, each under the limit", async () => {
    const root = platformWith(60);
    const r = await synth(root);
    expect(r.code, r.stderr).toBe(ExitCode.ok);
    const sizes = ["ci", "deploy", "review"].map((name) => readFileSync(join(root, ".github", "workflows", `${name}.yml`)).length);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(workflowFileLimit);
    // The deploy workflow is the largest, and near the limit: the boundary is real, not far off.
    expect(sizes[1]).toBe(Math.max(...sizes));
    expect(sizes[1]).toBeGreaterThan(workflowFileLimit * 0.8);
  });
});
