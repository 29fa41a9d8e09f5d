import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { deferredSdkModules, standInSuffix } from "../../lib/plan/deferred-sdk-modules.ts";
import { listStacks } from "../../lib/stack-config/stack-config.ts";
import { freshNodeAnswer } from "../support/fresh-node.ts";
import { repoRoot } from "../support/shared-dir.ts";

/**
 * lib/plan/deferred-sdk-modules.ts: a plan process loads the modules the SDK loads as it is imported and a plan
 * never calls (the TypeScript compiler, npm's arborist, the Automation API) only on first use. Each test runs
 * fresh Node processes: what a process has loaded is the point.
 */

const sdkRequire = createRequire(join(repoRoot, "node_modules", "@pulumi", "pulumi", "index.js"));
/**
 * The real module an entry of the table stands in for, as its SDK file resolves it. This process may have the hook
 * (it plans in other tests, and imports the table), which resolves to the stand-in: its name is the real one's and
 * the suffix.
 */
const realPathOf = (entry: (typeof deferredSdkModules)[number]) =>
  createRequire(join(repoRoot, "node_modules", entry.parent)).resolve(entry.specifier).replace(standInSuffix, "");
const realPaths = deferredSdkModules.map(realPathOf);

const loadedFiles = `Object.keys((await import("node:module")).createRequire(import.meta.url).cache)`;
const planEveryStack = `
const { createHash } = await import("node:crypto");
const { prepareStack, planStack } = await import("./lib/plan/plan-stack.ts");
const { loadProgram } = await import("./lib/plan/load-program.ts");
const program = await loadProgram(".");
const plans = {};
for (const stack of ${JSON.stringify(listStacks(repoRoot))}) {
  const report = await planStack(prepareStack(".", stack), program, { today: new Date("2026-06-01T00:00:00Z") });
  if (report.resources.length === 0) throw new Error(stack + ": empty plan");
  plans[stack] = createHash("sha256").update(JSON.stringify(report)).digest("hex");
}`;

/** Folders the tests make, removed when they end. */
const madeFolders: string[] = [];
const tempFolder = (prefix: string) => {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  madeFolders.push(folder);
  return folder;
};

describe("the SDK's modules a plan defers", () => {
  afterAll(() => {
    for (const folder of madeFolders) rmSync(folder, { recursive: true, force: true });
  });

  it("are none of them loaded by `stratum plan`, in the command's process or its plan workers, which load stand-ins", () => {
    const reports = tempFolder("stratum-deferred-");
    const preload = join(reports, "report-loaded.mjs");
    writeFileSync(
      preload,
      `import { createRequire } from "node:module"; import { writeFileSync } from "node:fs";
const cache = createRequire(import.meta.url).cache;
process.on("exit", () => writeFileSync(${JSON.stringify(reports)} + "/" + process.pid + ".json", JSON.stringify(Object.keys(cache))));`,
    );
    const env = { ...process.env, NODE_OPTIONS: `--import=${pathToFileURL(preload).href}` };
    const stratum = (jobs: string, ...args: string[]) =>
      execFileSync(process.execPath, ["scripts/stratum.ts", "plan", ...args, "--format", "json", "--out", tempFolder("stratum-plan-")], { cwd: repoRoot, env: { ...env, STRATUM_PLAN_JOBS: jobs }, stdio: "ignore" });
    stratum("1", "--stack", "dev-aws");
    stratum("2", "--all");
    const processes = readdirSync(reports).filter((f) => f.endsWith(".json")).map((f) => JSON.parse(readFileSync(join(reports, f), "utf8")) as string[]);
    const sdkIndex = sdkRequire.resolve("./index.js");
    const planning = processes.filter((files) => files.includes(sdkIndex));
    // The command planning in its own process, and two workers: each loaded the SDK, and none what it defers.
    expect(planning.length).toBe(3);
    for (const files of planning) {
      expect(realPaths.filter((path) => files.includes(path))).toEqual([]);
      expect(realPaths.filter((path) => !files.includes(`${path}${standInSuffix}`))).toEqual([]);
      expect(files.some((f) => f.includes("/node_modules/@npmcli/arborist/"))).toBe(false);
    }
  });

  it("are loaded, whole, by the first use: a function serialized and the Automation API read are what they are without the stand-ins", () => {
    const use = `
const pulumi = await import("@pulumi/pulumi");
const before = ${loadedFiles};
const serialized = await pulumi.runtime.serializeFunction(function answer() { return 6 * 7; });
const automation = Object.keys(pulumi.automation).sort();
const workspace = typeof pulumi.automation.LocalWorkspace.create;
console.log(JSON.stringify({ before, after: ${loadedFiles}, text: serialized.text, automation, workspace }));`;
    interface Used {
      before: string[];
      after: string[];
      text: string;
      automation: string[];
      workspace: string;
    }
    // Two copies of the hook's module, as a test runner with its own module graph may load: one stand-in each.
    const deferred = freshNodeAnswer<Used>(`await import("./lib/plan/deferred-sdk-modules.ts"); await import("./lib/plan/deferred-sdk-modules.ts?copy");${use}`);
    const whole = freshNodeAnswer<Used>(use);
    const typescript = realPathOf(deferredSdkModules[0]!);
    const automation = realPathOf(deferredSdkModules[2]!);
    expect(deferred.before.filter((f) => f.endsWith(standInSuffix))).toHaveLength(deferredSdkModules.length);
    expect(deferred.before).not.toContain(typescript);
    expect(deferred.before).not.toContain(automation);
    expect(deferred.after).toContain(typescript);
    expect(deferred.after).toContain(automation);
    expect(whole.before).toContain(typescript);
    expect(deferred.text).toContain("6 * 7");
    expect(deferred.text).toBe(whole.text);
    expect(deferred.automation.length).toBeGreaterThan(10);
    expect(deferred.automation).toEqual(whole.automation);
    expect(deferred.workspace).toBe("function");
  });

  it("finds a serialized function's packages, through the deferred computeCodePaths, as the SDK whole does", () => {
    const project = tempFolder("stratum-code-paths-");
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "code-paths", version: "1.0.0", dependencies: {} }));
    const use = (prelude: string) => `
${prelude}
const pulumi = await import(${JSON.stringify(sdkRequire.resolve("./index.js"))});
const before = ${loadedFiles};
const paths = await pulumi.runtime.computeCodePaths({ extraIncludePaths: ["package.json"] });
console.log(JSON.stringify({ before, after: ${loadedFiles}, paths: [...paths.keys()].sort() }));`;
    const deferred = freshNodeAnswer<{ before: string[]; after: string[]; paths: string[] }>(use(`await import(${JSON.stringify(pathToFileURL(join(repoRoot, "lib/plan/deferred-sdk-modules.ts")).href)});`), { cwd: project });
    const whole = freshNodeAnswer<{ paths: string[] }>(use(""), { cwd: project });
    const codePaths = realPathOf(deferredSdkModules[1]!);
    expect(deferred.before).not.toContain(codePaths);
    expect(deferred.after).toContain(codePaths);
    expect(deferred.paths).toContain("package.json");
    expect(deferred.paths).toEqual(whole.paths);
  });

  it("answer every question about themselves as the real module does: has, keys, descriptors, set, define, delete", () => {
    const typescript = realPathOf(deferredSdkModules[0]!);
    const answers = freshNodeAnswer<Record<string, boolean>>(`
await import("./lib/plan/deferred-sdk-modules.ts");
const { createRequire } = await import("node:module");
const standIn = createRequire(${JSON.stringify(sdkRequire.resolve("./index.js"))})("./typescript-shim.js");
const real = createRequire(import.meta.url)(${JSON.stringify(typescript)});
const answers = { standIn: standIn !== real, has: "createSourceFile" in standIn && !("noSuchExport" in standIn) };
const [mine, its] = [standIn, real].map((m) => Object.getOwnPropertyDescriptor(m, "version"));
answers.descriptor = mine.enumerable === its.enumerable && mine.get === its.get && mine.value === its.value && standIn.version === real.version;
answers.keys = JSON.stringify(Object.keys(standIn)) === JSON.stringify(Object.keys(real));
standIn.stratumProbe = 1;
answers.set = real.stratumProbe === 1;
Object.defineProperty(standIn, "stratumDefined", { value: 2, configurable: true });
answers.define = real.stratumDefined === 2;
delete standIn.stratumProbe;
answers.delete = !("stratumProbe" in real);
console.log(JSON.stringify(answers));`);
    expect(answers).toEqual({ standIn: true, has: true, descriptor: true, keys: true, set: true, define: true, delete: true });
  });

  it("are described as they are: each real module's __esModule, copied functions and prototype, each required by its SDK file", () => {
    for (const [index, entry] of deferredSdkModules.entries()) {
      const real = sdkRequire(realPaths[index]!) as Record<string, unknown>;
      expect({ entry: entry.specifier, esModule: real["__esModule"] === true }).toEqual({ entry: entry.specifier, esModule: entry.esModule });
      // The stand-in's prototype is its target's, Object.prototype.
      expect({ entry: entry.specifier, plainObject: Object.getPrototypeOf(real) === Object.prototype }).toEqual({ entry: entry.specifier, plainObject: true });
      for (const name of entry.functions) expect({ entry: entry.specifier, name, type: typeof real[name] }).toEqual({ entry: entry.specifier, name, type: "function" });
      const parentSource = readFileSync(join(repoRoot, "node_modules", entry.parent), "utf8");
      expect(parentSource).toContain(`require("${entry.specifier}")`);
    }
  });

  it("change no plan: every example stack plans the same as in a process that imported the SDK whole first", () => {
    const deferred = freshNodeAnswer<{ plans: Record<string, string>; loaded: string[] }>(`${planEveryStack}\nconsole.log(JSON.stringify({ plans, loaded: ${loadedFiles} }));`);
    const whole = freshNodeAnswer<{ plans: Record<string, string>; loaded: string[] }>(`await import("@pulumi/pulumi");\n${planEveryStack}\nconsole.log(JSON.stringify({ plans, loaded: ${loadedFiles} }));`);
    expect(realPaths.filter((path) => deferred.loaded.includes(path))).toEqual([]);
    expect(realPaths.filter((path) => !whole.loaded.includes(path))).toEqual([]);
    expect(Object.keys(deferred.plans)).toEqual(listStacks(repoRoot));
    expect(deferred.plans).toEqual(whole.plans);
  });
});
