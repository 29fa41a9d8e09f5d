// Modules the Pulumi SDK loads as it is imported and an offline plan never calls. Importing `@pulumi/pulumi` loads
// the TypeScript compiler (to parse a function's text when it serializes one), npm's arborist and some 400 modules
// of npm's own machinery behind it (to find the packages a serialized function needs) and the Automation API (which
// drives the Pulumi CLI): some 0.3 s of the 0.45 s the SDK takes to import (docs/benchmarks.md). A plan process
// loads each of them on first use instead: a `node:module` hook hands the SDK file that requires one a stand-in, an
// object that requires the real module the first time anything reads from it. Nothing is left out: a plan (or a
// program) that serializes a function or reaches for the Automation API gets the real module, only later.
//
// The SDK's interop helpers read `__esModule` as they import, and runtime/index.js copies `computeCodePaths` off
// its module as it loads; the stand-in answers those two without loading (as the table says, checked against the
// real modules by test/plan/deferred-sdk-modules.test.ts). Imported before anything that imports the SDK by the
// command line (scripts/stratum.ts), the plan worker and record.ts, so it is in place before the SDK loads in any
// process that plans; a process that imported the SDK before gets it whole, as before.
import { registerHooks } from "node:module";
import { fileURLToPath } from "node:url";

/** A module one SDK file requires, which a plan loads on first use. */
export interface DeferredModule {
  /** The SDK file that requires it, as a path under node_modules. */
  readonly parent: string;
  /** The specifier that file requires it by. */
  readonly specifier: string;
  /** The real module's `__esModule`, which the SDK's interop helpers read as they import it. */
  readonly esModule: boolean;
  /** Functions the parent copies off the module as it loads: answered by functions that load it when called. */
  readonly functions: readonly string[];
}

export const deferredSdkModules: readonly DeferredModule[] = [
  // The TypeScript compiler (~9 MB of JavaScript): runtime/closure/parseFunction.js requires it through this shim.
  { parent: "@pulumi/pulumi/typescript-shim.js", specifier: "typescript", esModule: false, functions: [] },
  // computeCodePaths, with normalize-package-data and @npmcli/arborist (pacote, sigstore, tuf, cacache, ...).
  { parent: "@pulumi/pulumi/runtime/index.js", specifier: "./closure/codePaths", esModule: true, functions: ["computeCodePaths"] },
  // The Automation API, with execa, js-yaml and the CLI's log tailing.
  { parent: "@pulumi/pulumi/index.js", specifier: "./automation", esModule: true, functions: [] },
];

/** What a stand-in's file name ends with: its own name, so the module cache keeps it apart from the real module. */
export const standInSuffix = ".stratum-deferred.cjs";

/** The source of the stand-in for the module at `realPath`: CommonJS, as the SDK requires it. */
export function standInSource(realPath: string, module: DeferredModule): string {
  // Each trap asks the real module; an assignment goes through defineProperty. No prototype trap: the target's is
  // Object.prototype, as each real module's exports object's is.
  return `"use strict";
let real;
const load = () => (real ??= require(${JSON.stringify(realPath)}));
const known = { __esModule: ${JSON.stringify(module.esModule)} };
for (const name of ${JSON.stringify(module.functions)}) known[name] = function (...args) { return load()[name].apply(this, args); };
module.exports = new Proxy({}, {
  get: (_, key) => (Object.hasOwn(known, key) ? known[key] : Reflect.get(load(), key)),
  has: (_, key) => Object.hasOwn(known, key) || Reflect.has(load(), key),
  ownKeys: () => Reflect.ownKeys(load()),
  getOwnPropertyDescriptor: (_, key) => {
    const property = Reflect.getOwnPropertyDescriptor(load(), key);
    return property && { ...property, configurable: true };
  },
  defineProperty: (_, key, property) => Reflect.defineProperty(load(), key, property),
  deleteProperty: (_, key) => Reflect.deleteProperty(load(), key),
});
`;
}

const deferredFrom = (specifier: string, parentUrl: string | undefined): DeferredModule | undefined =>
  parentUrl === undefined ? undefined : deferredSdkModules.find((m) => m.specifier === specifier && parentUrl.endsWith(`/node_modules/${m.parent}`));

/** The stand-ins handed out, by their URL: the real module's path and the table's entry. */
const standIns = new Map<string, { readonly realPath: string; readonly module: DeferredModule }>();

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    const module = deferredFrom(specifier, context.parentURL);
    // A second copy of this module (a test runner's own module graph) finds the first one's stand-in: left as is.
    if (module === undefined || !resolved.url.startsWith("file:") || resolved.url.endsWith(standInSuffix)) return resolved;
    const url = `${resolved.url}${standInSuffix}`;
    standIns.set(url, { realPath: fileURLToPath(resolved.url), module });
    return { ...resolved, url, format: "commonjs" };
  },
  load(url, context, nextLoad) {
    const standIn = standIns.get(url);
    if (standIn === undefined) return nextLoad(url, context);
    return { format: "commonjs", source: standInSource(standIn.realPath, standIn.module), shortCircuit: true };
  },
});
