import { createRequire } from "node:module";

/**
 * One of the offline plan's two shortcuts through the SDK (the other: mock-registration.ts): work the SDK does for
 * every resource and every promise only for the engine's records or for a leak report, neither of which exists
 * offline. Recording the same program without it gives the same plan, byte for byte
 * (test/plan/byte-identical.test.ts); a dev-aws program run again in one process takes less than half the time,
 * and prod-azure's plan a third less memory. `pulumi up` runs the SDK as it is: nothing here is installed outside
 * the offline recording, and `PULUMI_DEBUG_PROMISE_LEAKS` keeps the promise bookkeeping.
 */

const load = createRequire(import.meta.url);

/** @pulumi/pulumi's exports object: generated provider classes call `pulumi.mergeOptions` on it at run time. */
const sdk = load("@pulumi/pulumi") as { mergeOptions: (a: unknown, b: unknown) => unknown; Resource: { stackTrace: (skip: number) => unknown[] } };
/** The SDK's promise wrapper, which its runtime calls through this module's exports on every registration. */
const debuggable = load("@pulumi/pulumi/runtime/debuggable.js") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };

/** Sets one property for the recording; returns what puts it back. */
function replace<O extends object, K extends keyof O>(object: O, key: K, value: O[K]): () => void {
  const original = object[key];
  object[key] = value;
  return () => {
    object[key] = original;
  };
}

/**
 * Whether `options` is what a generated provider class merges into every instance's options: nothing but
 * `aliases`, each naming only another type token (`{ type: "azure-native:storage/v20230101:StorageAccount" }`, the
 * API versions and old names the type once had).
 */
function isProviderTypeAliases(options: unknown): boolean {
  if (options === null || typeof options !== "object") return false;
  const { aliases, ...rest } = options as { aliases?: unknown };
  if (Object.keys(rest).length > 0 || !Array.isArray(aliases) || aliases.length === 0) return false;
  return aliases.every((alias) => alias !== null && typeof alias === "object" && Object.keys(alias).length === 1 && typeof (alias as { type?: unknown }).type === "string");
}

/**
 * Turns the bookkeeping off until the returned function is called (the recorder calls it when the program and
 * everything it started have finished, also when the program fails).
 */
export function skipEngineBookkeeping(): () => void {
  const debugLeaks = Boolean(process.env["PULUMI_DEBUG_PROMISE_LEAKS"]);
  const merge = sdk.mergeOptions;
  const restores = [
    // Provider type aliases: each Azure Native class carries its type's every earlier API version as an alias
    // (ManagedCluster 113, a network resource about 60), and the resource's constructor turns each into a few
    // Outputs: prod-azure collapsed about 3,600 of them, a third of its time and some 150 MB. Aliases only let
    // the engine match a resource already in a stack's state under an old type; offline there is no state, and
    // what the plan records (type, name, parent, inputs) does not depend on them. A resource's own aliases stay.
    replace(sdk, "mergeOptions", (options, more) => (isProviderTypeAliases(more) ? merge(options, {}) : merge(options, more))),
    // Source positions: each resource's constructor captures an unlimited stack trace and turns every frame into
    // a file URL, for the engine to show where the resource was declared. The plan records no positions.
    replace(sdk.Resource, "stackTrace", () => []),
    // Promise stamps and leak tracking: the SDK wraps each of its promises with a stack trace and two more
    // promises for a leak report printed at exit, which the mock runtime's program never reaches.
    ...(debugLeaks ? [] : [replace(debuggable, "debuggablePromise", (promise) => promise)]),
  ];
  // What promise stamps are left (any `new Error()` the SDK makes) capture no stack: an error the program throws
  // still carries its message, which is what the plan reports.
  const stackTraceLimit = Error.stackTraceLimit;
  if (!debugLeaks) Error.stackTraceLimit = 0;
  return () => {
    Error.stackTraceLimit = stackTraceLimit;
    for (const restore of restores.reverse()) restore();
  };
}
