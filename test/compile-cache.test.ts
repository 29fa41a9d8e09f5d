import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileCacheDir } from "../lib/compile-cache.ts";
import { freshNode } from "./support/fresh-node.ts";
import { repoRoot } from "./support/shared-dir.ts";

/** The compile cache folder a fresh Node reports after importing lib/compile-cache.ts, or "" when it is off. */
function cacheDirOfFreshNode(env: Readonly<Record<string, string>> = {}): string {
  const script = `await import("./lib/compile-cache.ts"); const { getCompileCacheDir } = await import("node:module"); console.log(getCompileCacheDir() ?? "");`;
  const { NODE_DISABLE_COMPILE_CACHE: _off, ...inherited } = process.env;
  return freshNode(script, { env: { ...inherited, ...env } }).trim();
}

/** The modules an entry point imports, in order (type-only imports left out: they load nothing). */
const importsOf = (file: string) => [...readFileSync(join(repoRoot, file), "utf8").matchAll(/^import (?!type )(?:.* from )?"([^"]+)";$/gm)].map((m) => m[1]);

describe("Node's compile cache", () => {
  it("is on in the project's own node_modules once lib/compile-cache.ts is imported, and off with NODE_DISABLE_COMPILE_CACHE=1", () => {
    expect(compileCacheDir.startsWith(join(repoRoot, "node_modules", ".cache", "stratum"))).toBe(true);
    expect(cacheDirOfFreshNode().startsWith(compileCacheDir)).toBe(true);
    expect(cacheDirOfFreshNode({ NODE_DISABLE_COMPILE_CACHE: "1" })).toBe("");
  });

  it("is turned on before anything else loads in the CLI and in its plan workers (modules loaded earlier are not cached)", () => {
    expect(importsOf("scripts/stratum.ts")[0]).toBe("../lib/compile-cache.ts");
    expect(importsOf("lib/plan/plan-worker.ts")[0]).toBe("../compile-cache.ts");
  });
});
