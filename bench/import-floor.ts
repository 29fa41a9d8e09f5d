// The import floor of a stack's plan: a fresh process that imports @pulumi/pulumi and exactly the provider SDK
// modules that the plan of that stack loads, and nothing else. A plan cannot be faster than its floor; how far above
// it the plan is measures the plan's own work (spec, policy, report), which is what the benchmark follows.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lastLine, runScript } from "./measure.ts";

/** The provider SDKs whose modules count: every cloud's and Kubernetes'. */
const providerFile = String.raw`/node_modules/@pulumi/(aws|gcp|azure-native|kubernetes)/`;

/** One provider module the plan loaded: by `import` (an entry point the program names) or by `require` (from one). */
export interface ProviderModule {
  readonly url: string;
  readonly by: "import" | "require";
}

/** The script that plans a stack offline, as `stratum plan` does, and fails on an empty plan. */
export const planScript = (stack: string) => `
const { prepareStack, planStack } = await import("./lib/plan/plan-stack.ts");
const { loadProgram } = await import("./lib/plan/load-program.ts");
const report = await planStack(prepareStack(".", ${JSON.stringify(stack)}), await loadProgram("."));
if (report.resources.length === 0) throw new Error("empty plan");`;

/**
 * Plans the stack in a fresh process with a module hook (node:module registerHooks sees both `import` and
 * `require`) and returns the provider modules it loaded, in load order. Lazily loaded resource modules count: the
 * plan loads them, so the floor must too.
 */
export function providerModulesOf(stack: string): ProviderModule[] {
  const script = `
import { registerHooks } from "node:module";
const provider = new RegExp(${JSON.stringify(providerFile)});
const loaded = new Map();
registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    if (provider.test(resolved.url) && !loaded.has(resolved.url)) loaded.set(resolved.url, context.conditions.includes("require") ? "require" : "import");
    return resolved;
  },
});
${planScript(stack)}
console.log(JSON.stringify([...loaded].map(([url, by]) => ({ url, by }))));
process.exit(0);`;
  return lastLine<ProviderModule[]>(runScript(script));
}

/**
 * The floor with what the plan defers (lib/plan/deferred-sdk-modules.ts: the modules the SDK loads as it is
 * imported and a plan never calls) deferred as the plan defers them: the floor's like for like, against which the
 * plan's ratio is its own code's cost alone. The floor as defined above loads them: the plan is below it by them.
 */
const deferringFirst = `await import("./lib/plan/deferred-sdk-modules.ts");`;

/**
 * The floor's script: @pulumi/pulumi, then each provider module as the plan loaded it, in the same order. The list
 * goes through a file: a stack's thousand-odd module URLs would pass the kernel's limit on one argument.
 */
export function floorScript(modules: readonly ProviderModule[], options: { readonly deferring?: boolean } = {}): string {
  const list = join(mkdtempSync(join(tmpdir(), "stratum-floor-")), "modules.json");
  writeFileSync(list, JSON.stringify(modules));
  return `${options.deferring ? deferringFirst : ""}
const { createRequire } = await import("node:module");
const { readFileSync } = await import("node:fs");
const { fileURLToPath } = await import("node:url");
const require = createRequire(import.meta.url);
const modules = JSON.parse(readFileSync(${JSON.stringify(list)}, "utf8"));
await import("@pulumi/pulumi");
for (const { url, by } of modules) {
  if (by === "import") await import(url);
  else require(fileURLToPath(url));
}`;
}
