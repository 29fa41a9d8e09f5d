import { createRequire } from "node:module";

/**
 * One of the offline plan's shortcuts through the SDK (the others: mock-registration.ts, deferred-outputs.ts): work
 * the SDK does for every resource and every promise only for the engine's records, for the engine to call back, or
 * for a leak report, none of which exists offline. Recording the same program without it gives the same plan, byte for byte
 * (test/plan/byte-identical.test.ts); a dev-aws program run again in one process takes less than half the time,
 * and prod-azure's plan a third less memory. `pulumi up` runs the SDK as it is: nothing here is installed outside
 * the offline recording, and `PULUMI_DEBUG_PROMISE_LEAKS` keeps the promise bookkeeping.
 */

const load = createRequire(import.meta.url);

/** @pulumi/pulumi's exports object: generated provider classes call `pulumi.mergeOptions` on it at run time. */
const sdk = load("@pulumi/pulumi") as { mergeOptions: (a: unknown, b: unknown) => unknown; Resource: { stackTrace: (skip: number) => unknown[] } };
/** The SDK's promise wrapper, which its runtime calls through this module's exports on every registration. */
const debuggable = load("@pulumi/pulumi/runtime/debuggable.js") as { debuggablePromise: <T>(p: Promise<T>, ctx: unknown) => Promise<T> };
/** The SDK's per-run state, whose `callbacks` is the callback server the runtime registers transforms with. */
const state = load("@pulumi/pulumi/runtime/state.js") as { getStore(): { callbacks?: unknown } };
const settings = load("@pulumi/pulumi/runtime/settings.js") as { getMonitor(): unknown };
const callbacks = load("@pulumi/pulumi/runtime/callbacks.js") as { CallbackServer: { prototype: object; toString(): string } };

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

/** The fields CallbackServer's constructor sets, which the stand-in below sets instead (checked against its source). */
const callbackServerFields = ["_callbacks", "_pendingRegistrations", "_awaitQueue", "_monitor", "_server", "_target"] as const;

/**
 * The SDK's callback server without its gRPC server. The first resource with `transforms` (the Platform component's
 * tag transform) makes the SDK start a gRPC server on a loopback port and call itself over HTTP/2 until it
 * answers, so that the engine can call each transform back. The mock monitor never calls back: it finds each
 * transform by its token (the SDK hands it `recordTransformCallback`) and runs it in this process. The stand-in is
 * the SDK's own class, every method as written, with the server replaced by nothing and its address known at once.
 * Undefined when the constructor no longer sets the fields the stand-in sets: the plan then runs the real server.
 */
function offlineCallbackServer(monitor: unknown): object | undefined {
  const { CallbackServer } = callbacks;
  const constructor = CallbackServer.toString();
  if (!callbackServerFields.every((field) => constructor.includes(`this.${field} =`))) return undefined;
  const fields: Record<(typeof callbackServerFields)[number], unknown> = {
    _callbacks: new Map(),
    _pendingRegistrations: 0,
    _awaitQueue: [],
    _monitor: monitor,
    _server: { forceShutdown: () => {} },
    _target: Promise.resolve("offline plan: no callback server"),
  };
  return Object.assign(Object.create(CallbackServer.prototype) as object, fields);
}

/** Installs the stand-in callback server for the current run; returns what takes it out again. */
function skipCallbackServer(): () => void {
  const store = state.getStore();
  const standIn = store.callbacks === undefined ? offlineCallbackServer(settings.getMonitor()) : undefined;
  if (standIn === undefined) return () => {};
  store.callbacks = standIn;
  return () => {
    if (state.getStore().callbacks === standIn) state.getStore().callbacks = undefined;
  };
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
    // The engine's callback channel, which the mock monitor does not use.
    skipCallbackServer(),
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
