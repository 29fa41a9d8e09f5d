import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/shared-dir.ts";

const exec = promisify(execFile);

/** The commands of the README's quick start, as a new user copies them. */
function quickStartCommands(): string[] {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const section = readme.split("## Quick start")[1] ?? "";
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? "";
  return block.split("\n").map((line) => line.replace(/#.*$/, "").trim()).filter(Boolean);
}

describe("the README's two commands", () => {
  it("are the main job and the tests, and CI runs the test command exactly, last", () => {
    expect(quickStartCommands()).toEqual(["npm run plan", "npm test"]);
    const ci = readFileSync(join(repoRoot, ".ci/run"), "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#") && !l.startsWith("set ") && !l.startsWith("cd "));
    // Before it, .ci/run only installs the Debian packages the tests need (shellcheck, PostgreSQL's server); npm runs once.
    expect(ci.at(-1)).toBe("npm test");
    expect(ci.filter((l) => /\bnpm\b/.test(l))).toEqual(["npm test"]);
    const script = readFileSync(join(repoRoot, ".ci/run"), "utf8");
    expect(script).toMatch(/command -v shellcheck[^\n]*packages\+=\(shellcheck\)/);
    expect(script).toMatch(/initdb[^\n]*packages\+=\(postgresql\)/);
  });

  it("the main command plans every example stack and prints the summary", async () => {
    const out = mkdtempSync(join(tmpdir(), "stratum-readme-"));
    const { stdout, stderr } = await exec("npm", ["run", "--silent", "plan", "--", "--out", out], { cwd: repoRoot, env: { ...process.env, CI: "true" } });
    const stacks = readdirSync(join(repoRoot, "stacks")).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter(Boolean);
    for (const stack of stacks) {
      expect(stdout).toMatch(new RegExp(`^${stack}: \\d+ resources on `, "m"));
      expect(readdirSync(out)).toContain(`${stack}.json`);
    }
    expect(stderr).toContain(`reports written to ${out}`);
  }, 120_000);
});
