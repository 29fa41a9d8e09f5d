import { copyFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CommandIo } from "../../lib/cli/command.ts";
import { commands } from "../../lib/cli/commands.ts";
import { runCli } from "../../lib/cli/main.ts";
import { reviewPullNumber } from "../../lib/github/janitor.ts";
import { listStacks } from "../../lib/stack-config/stack-config.ts";
import { stackNamePattern } from "../../lib/stack-config/stack-name.ts";
import { fixtureRoot } from "../workflows/fixture.ts";

/**
 * A stack's name comes from its file name (`stacks/Pulumi.<name>.yaml`) and reaches workflows, job ids, variable
 * names and `--stack` flags. Every command that lists stacks refuses a file whose name breaks the pattern, exit 2,
 * naming the file, the name and the pattern, before it writes anything.
 */

/** Hostile or merely wrong stack names, each tried as a file name with every command that lists stacks. */
export const hostileStackNames = [
  "$(touch pwned)",
  "`id`",
  "${{ github.event.pull_request.title }}",
  "a;b",
  "a b",
  "a|b",
  "a&b",
  "a>b",
  "'q'",
  '"dq"',
  "$HOME",
  "a\\b",
  "a*",
  "-rf",
  "--stack",
  "Dev-AWS",
  "dev_aws",
  "a.b",
  "..",
  "",
  "x\ny",
  "x\ry",
  "dev\t",
  "::error::x",
  "dev-",
  "1dev",
  "dév",
  "a".repeat(64),
];

async function cli(cwd: string, ...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd };
  const code = await runCli(commands, argv, io);
  return { code, stdout, stderr };
}

/** A fixture repository with one more stack file, a copy of dev-aws's, under the given name. */
function rootWith(name: string): string {
  const root = fixtureRoot();
  copyFileSync(join(root, "stacks/Pulumi.dev-aws.yaml"), join(root, "stacks", `Pulumi.${name}.yaml`));
  return root;
}

describe("stack names", () => {
  it.each(hostileStackNames.map((n) => [JSON.stringify(n), n]))("a stack file named %s: synth, plan, policy config and scan --stack exit 2 naming it, and write nothing", async (_, name) => {
    const root = rootWith(name);
    for (const argv of [["synth"], ["synth", "--check"], ["plan"], ["plan", "--stack", "dev-aws"], ["policy", "config", "--stack", "dev-aws"], ["scan", "report", "none.json", "--stack", "dev-aws"]]) {
      const { code, stdout, stderr } = await cli(root, ...argv);
      expect(code, argv.join(" ")).toBe(2);
      expect(stderr, argv.join(" ")).toContain(`stacks/${JSON.stringify(`Pulumi.${name}.yaml`).slice(1, -1)}: stack name ${JSON.stringify(name)} does not match ${stackNamePattern.source}`);
      expect(stdout, argv.join(" ")).toBe("");
    }
    expect(existsSync(join(root, ".github")), "synth wrote workflows").toBe(false);
    expect(existsSync(join(root, ".stratum")), "plan wrote reports").toBe(false);
  });

  it("valid names are listed: DNS labels starting with a letter, up to 63 characters", () => {
    const names = ["a", "pr-12", "dev-aws-2", `x${"a".repeat(61)}9`];
    const root = fixtureRoot();
    for (const n of names) copyFileSync(join(root, "stacks/Pulumi.dev-aws.yaml"), join(root, "stacks", `Pulumi.${n}.yaml`));
    expect(listStacks(root)).toEqual(["a", "dev-aws", "dev-aws-2", "dev-gcp", "pr-12", "prod-aws", "prod-azure", `x${"a".repeat(61)}9`].sort());
  });

  it.each([["$(id)"], ["-rf"], ["${{ github.head_ref }}"], ["DEV"]])("--stack %s is refused by plan and policy before any file is read", async (name) => {
    const root = fixtureRoot();
    for (const argv of [["plan", `--stack=${name}`], ["policy", "config", `--stack=${name}`]]) {
      const { code, stderr } = await cli(root, ...argv);
      expect(code).toBe(2);
      expect(stderr).toContain(`--stack: stack name ${JSON.stringify(name)} does not match`);
    }
  });

  it("bootstrap github --outputs STACK=FILE refuses a bad stack name before reading the file or calling GitHub", async () => {
    const root = fixtureRoot();
    for (const name of ["$(id)", "dev_aws", "a b", "-x"]) {
      const { code, stderr } = await cli(root, "bootstrap", "github", `--outputs=${name}=missing.json`);
      expect(code, name).toBe(2);
      expect(stderr).toContain(`--outputs: stack name ${JSON.stringify(name)} does not match`);
      expect(stderr).not.toContain("missing.json");
    }
  });

  it("drift report refuses a result file whose name is not a stack name (it becomes an issue title)", async () => {
    const root = fixtureRoot();
    for (const file of ["$(id).json", "a b.json", "Dev.json", "::error::x.json"]) {
      const { code, stderr } = await cli(root, "drift", "report", file);
      expect(code, file).toBe(2);
      expect(stderr).toContain(`drift report: ${JSON.stringify(file)}: stack name ${JSON.stringify(file.replace(/\.json$/, ""))} does not match`);
    }
  });

  it("the janitor only takes review stacks with plain names (it hands them to pulumi destroy)", () => {
    expect(reviewPullNumber("pr-12")).toBe(12);
    expect(reviewPullNumber("acme/platform/pr-4")).toBe(4);
    for (const name of ["--force/pr-1", "-x/pr-2", "a/b/c/pr-3", "pr-1;rm", "x$(id)/pr-5", "pr-0", "pr-007", "pr-1\n", "a b/pr-6", "/pr-7", "pr-12345678901"]) {
      expect(reviewPullNumber(name), JSON.stringify(name)).toBeUndefined();
    }
  });
});
