import { createRequire } from "node:module";

/**
 * One of the offline plan's shortcuts through the SDK (with engine-bookkeeping.ts and mock-registration.ts): a
 * resource's output properties become Outputs when the program first reads them, not when the resource is built.
 *
 * A generated provider class hands the SDK every output its type has (an S3 bucket some 40, most never read), and
 * the SDK's `transferProperties` makes each one an Output of four promises, a Proxy and its derived promises at
 * once, then settles them all when the registration is answered. dev-aws reads 79 of its 2,213 outputs. Here each
 * output is a property that makes the same Output on its first read, from the values the registration gave if it
 * has been answered, else with promises it settles when it is: what the program reads is what the SDK would have
 * given it, and the plan is the same, byte for byte (test/plan/byte-identical.test.ts). At 200 services the plan
 * takes about a tenth less time and 60 MB less peak memory.
 */

const load = createRequire(import.meta.url);

/** What the SDK calls per output when the registration is answered (runtime/rpc.js, transferProperties). */
type Resolver = (value: unknown, isKnown: boolean, isSecret: boolean, deps?: unknown[], error?: unknown) => void;

const rpc = load("@pulumi/pulumi/runtime/rpc.js") as {
  transferProperties(onto: object, label: string, props: Record<string, unknown>): Record<string, Resolver>;
};
const { Output } = load("@pulumi/pulumi/output.js") as {
  Output: new (resources: object, value: Promise<unknown>, isKnown: Promise<boolean>, isSecret: Promise<boolean>, allResources: Promise<unknown[]>) => object;
};
const { isGrpcError } = load("@pulumi/pulumi/errors.js") as { isGrpcError(error: unknown): boolean };

/**
 * What the stand-in below repeats of the SDK's own `transferProperties`, checked against its source: the keys it
 * skips, the property it refuses to overwrite, its resolver's arguments, the error it leaves unsettled and the
 * Output it makes. When one is missing the SDK has changed, and the plan runs its `transferProperties` as it is.
 */
const transferMarkers = [
  `if (k === "id" || k === "urn")`,
  "if (onto.hasOwnProperty(k))",
  "resolvers[k] = (v, isKnown, isSecret, deps = [], err) =>",
  "if (errors_1.isGrpcError(err))",
  "onto[k] = new output_1.Output(onto,",
];

/** The values one output settled with: value, isKnown, isSecret and its dependencies. */
type Settled = readonly [unknown, boolean, boolean, unknown[]];

/** Defines output `key` of resource `onto` as a property that makes its Output when read; returns its resolver. */
function deferredOutput(onto: object, key: string): Resolver {
  let settled: Settled | undefined;
  /** Settles the Output a read made before the registration was answered. */
  let settle: Resolver | undefined;
  /** The program assigned the property itself, as it may to the SDK's plain property: the Output is nobody's. */
  let replaced = false;
  const makeOutput = (): object => {
    if (settled) {
      const [value, isKnown, isSecret, deps] = settled;
      return new Output(onto, Promise.resolve(value), Promise.resolve(isKnown), Promise.resolve(isSecret), Promise.resolve(deps));
    }
    const [value, isKnown, isSecret, deps] = [Promise.withResolvers<unknown>(), Promise.withResolvers<boolean>(), Promise.withResolvers<boolean>(), Promise.withResolvers<unknown[]>()];
    settle = (v, known, secret, dependencies = [], error) => {
      if (error) {
        for (const promise of [value, isKnown, isSecret, deps]) promise.reject(error);
        return;
      }
      value.resolve(v);
      isKnown.resolve(known);
      isSecret.resolve(secret);
      deps.resolve(dependencies);
    };
    return new Output(onto, value.promise, isKnown.promise, isSecret.promise, deps.promise);
  };
  /** From here on the property is what the SDK's is: a plain, writable one. */
  const assign = (value: unknown) => Object.defineProperty(onto, key, { value, writable: true, enumerable: true, configurable: true });
  const read = () => {
    const output = makeOutput();
    assign(output);
    return output;
  };
  Object.defineProperty(onto, key, {
    get: read,
    set: (value: unknown) => {
      replaced = true;
      assign(value);
    },
    enumerable: true,
    configurable: true,
  });
  return (value, isKnown, isSecret, deps = [], error) => {
    if (error) {
      // As the SDK: a registration the engine dropped (the connection is gone) leaves the output unsettled.
      if (isGrpcError(error)) return;
      // Any other error rejects the Output's promises, and the program hears of it as from the SDK's: make it now.
      if (!settle) {
        if (replaced) makeOutput();
        else read();
      }
    }
    if (settle) settle(value, isKnown, isSecret, deps, error);
    else settled = [value, isKnown, isSecret, deps];
  };
}

/** The SDK's `transferProperties` with every output deferred until it is read. */
function transferDeferred(onto: object, label: string, props: Record<string, unknown>): Record<string, Resolver> {
  const resolvers: Record<string, Resolver> = {};
  for (const key of Object.keys(props)) {
    if (key === "id" || key === "urn") continue;
    if (Object.hasOwn(onto, key)) throw new Error(`Property '${key}' is already initialized on target '${label}`);
    resolvers[key] = deferredOutput(onto, key);
  }
  return resolvers;
}

/**
 * Defers outputs until the returned function is called (the recorder calls it when the program has finished).
 * Not installed when the SDK's `transferProperties` is no longer the one this repeats, or while
 * `PULUMI_DEBUG_PROMISE_LEAKS` asks for a report on every promise the SDK makes.
 */
export function deferUnreadOutputs(): () => void {
  const transfer = rpc.transferProperties;
  const source = transfer.toString();
  if (process.env["PULUMI_DEBUG_PROMISE_LEAKS"] || !transferMarkers.every((marker) => source.includes(marker))) return () => {};
  rpc.transferProperties = transferDeferred;
  return () => {
    rpc.transferProperties = transfer;
  };
}
