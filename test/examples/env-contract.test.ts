import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXAMPLE_ENV } from "../support/example-env.ts";
import { repoRoot } from "../support/shared-dir.ts";

/** Every environment name an app's source reads: `env.NAME`, `env["NAME"]`, or `required(env, "NAME", ...)`. */
function namesRead(app: string): string[] {
  const dir = path.join(repoRoot, "examples", app);
  const names = new Set<string>();
  for (const file of readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".js") && !f.includes("node_modules"))) {
    const source = readFileSync(path.join(dir, file), "utf8");
    for (const m of source.matchAll(/\benv(?:\.([A-Z][A-Z0-9_]*)|\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\])|required\(\s*env\s*,\s*["']([A-Z][A-Z0-9_]*)["']/g)) {
      names.add((m[1] ?? m[2] ?? m[3])!);
    }
  }
  return [...names].sort();
}

describe("the environment each example reads", () => {
  it.each(Object.entries(EXAMPLE_ENV))("%s reads exactly the names its declaration lists", (app, declared) => {
    expect(namesRead(app)).toEqual([...declared.platform, ...declared.localOnly].sort());
  });

  it("covers every example folder, and examples/README.md names every variable", () => {
    const apps = readdirSync(path.join(repoRoot, "examples"), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
    expect(Object.keys(EXAMPLE_ENV).sort()).toEqual(apps.sort());
    const readme = readFileSync(path.join(repoRoot, "examples/README.md"), "utf8");
    for (const { platform, localOnly } of Object.values(EXAMPLE_ENV)) for (const name of [...platform, ...localOnly]) expect(readme).toContain(`\`${name}\``);
  });
});
