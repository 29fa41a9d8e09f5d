import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { specFromConfig } from "../../components/spec/index.ts";
import { relativePathPattern } from "../../components/spec/schema.ts";
import { isUserInputError } from "../../lib/cli/errors.ts";
import { commands } from "../../lib/cli/commands.ts";
import { runCli } from "../../lib/cli/main.ts";
import schema from "../../stratum.schema.json" with { type: "json" };
import { asRuntimeConfig } from "../support/stack-files.ts";
import { fixtureRoot } from "../workflows/fixture.ts";

/**
 * Source paths reach workflow `with:` inputs (GitHub evaluates `${{ }}` there), path filters (globs) and
 * `working-directory:`. Each key that holds one accepts only a plain relative path.
 */

/** Hostile or wrong paths, each tried at every key that holds a source path. */
export const hostilePaths = [
  "${{ github.event.pull_request.title }}",
  "examples/${{ github.head_ref }}",
  "$(touch pwned)",
  "`id`",
  "a;b",
  "a|b",
  "a&b",
  "a b",
  "a'b",
  'a"b',
  "$HOME/x",
  "a\\b",
  "a*",
  "a/**",
  "a?",
  "{a,b}",
  "[ab]",
  "!a",
  "~/x",
  "-rf",
  "examples/-x",
  "..",
  "../outside",
  "examples/../../x",
  "./examples/api",
  "/etc",
  "examples/",
  "examples//api",
  ".github/workflows",
  "a\nb",
  "a#b",
  "a:b",
  "",
  "a".repeat(201),
];

const pathKeys = [
  { key: "stratum:web.services[0].path", set: (c: Config, p: string) => (c["stratum:web"].services[0]!.path = p) },
  { key: "stratum:web.frontend.path", set: (c: Config, p: string) => (c["stratum:web"].frontend.path = p) },
  { key: "stratum:data.pipelines[0].path", set: (c: Config, p: string) => (c["stratum:data"].pipelines[0]!.path = p) },
  { key: "stratum:ml.models[0].path", set: (c: Config, p: string) => (c["stratum:ml"].models[0]!.path = p) },
];
interface Config {
  "stratum:web": { services: { path: string }[]; frontend: { path: string } };
  "stratum:data": { pipelines: { path: string }[] };
  "stratum:ml": { models: { path: string }[] };
}

const fixtureConfig = (): Config => (parse(readFileSync(join(fixtureRoot(), "stacks/Pulumi.dev-aws.yaml"), "utf8")) as { config: Config }).config;

function problems(config: Config): string[] {
  try {
    specFromConfig(asRuntimeConfig(config as unknown as Record<string, unknown>), "dev-aws");
    return [];
  } catch (error) {
    if (!isUserInputError(error)) throw error;
    return [...error.problems];
  }
}

describe("source paths", () => {
  it.each(hostilePaths.map((p) => [JSON.stringify(p), p]))("%s is refused at every path key, naming the key, the value and the rule", (_, path) => {
    for (const { key, set } of pathKeys) {
      const config = fixtureConfig();
      set(config, path);
      const found = problems(config).filter((p) => p.startsWith(`${key}: `));
      expect(found, key).toHaveLength(1);
      // Values are shown cut to 80 characters, with their length.
      expect(found[0]).toContain(JSON.stringify(path).length > 80 ? `got ${JSON.stringify(path).slice(0, 80)}… (${JSON.stringify(path).length} characters), expected` : `got ${JSON.stringify(path)}, expected`);
      expect(found[0]).toMatch(/a relative path such as examples\/api|at most 200 characters/);
    }
  });

  it("plain relative paths are accepted", () => {
    for (const path of ["examples/api", "a", "_x/y", "srv/api.v2/build-1", "A/B_c"]) {
      const config = fixtureConfig();
      for (const { set } of pathKeys) set(config, path);
      expect(problems(config), path).toEqual([]);
    }
  });

  it("the JSON Schema carries the same pattern, so editors refuse what the CLI refuses", () => {
    const text = JSON.stringify(schema);
    expect(text.split(JSON.stringify(relativePathPattern.source)).length - 1).toBe(4);
  });

  it("synth exits 2 on a path with an expression and writes no workflow", async () => {
    const root = fixtureRoot();
    const file = join(root, "stacks/Pulumi.dev-aws.yaml");
    const config = fixtureConfig();
    config["stratum:web"].services[0]!.path = "examples/${{ github.event.pull_request.title }}";
    writeFileSync(file, stringify({ config }));
    let stderr = "";
    const code = await runCli(commands, ["synth"], { stdout: () => {}, stderr: (t) => void (stderr += t), env: {}, cwd: root });
    expect(code).toBe(2);
    expect(stderr).toContain('stratum:web.services[0].path: got "examples/${{ github.event.pull_request.title }}", expected a relative path');
    expect(existsSync(join(root, ".github"))).toBe(false);
  });
});
