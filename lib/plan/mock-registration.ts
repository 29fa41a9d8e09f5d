import { createRequire } from "node:module";
import type * as pulumi from "@pulumi/pulumi";

const load = createRequire(import.meta.url);

/** The SDK's wire-format codec, as its mock monitor uses it. */
const rpc = load("@pulumi/pulumi/runtime/rpc.js") as {
  serializeProperties(label: string, props: Record<string, unknown>): Promise<Record<string, unknown>>;
  deserializeProperty(value: unknown): unknown;
};

/** protobuf's Struct, as the SDK resolves it, which it encodes every request's properties into (runtime/resource.js, invoke.js). */
const protobufStruct = createRequire(load.resolve("@pulumi/pulumi"))("google-protobuf/google/protobuf/struct_pb.js") as {
  Struct: { new (): { toJavaScript(): unknown }; fromJavaScript(value: Record<string, unknown>): { toJavaScript(): unknown } };
};

/**
 * Until the returned function is called, a request's properties stay the plain object the SDK serialised: an
 * empty Struct whose `toJavaScript` hands that object back, instead of a message built field by field for the
 * mock monitor (and this recorder) to decode again. Nothing sends it anywhere: the mock runtime has no wire. At
 * 200 services that is a tenth of the plan's time and some 30 MB of its peak.
 */
export function skipRequestEncoding(): () => void {
  const { Struct } = protobufStruct;
  const encode = Struct.fromJavaScript;
  Struct.fromJavaScript = (value) => Object.assign(new Struct(), { toJavaScript: () => value });
  return () => {
    Struct.fromJavaScript = encode;
  };
}

/** What the answer needs of a registration, its inputs already out of protobuf. */
export interface Registration {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly custom: boolean;
  readonly provider: string;
  readonly importId: string;
  /** The inputs in wire format (secrets, references and unknowns as their signature objects). */
  readonly wire: Record<string, unknown>;
}

/** The part of the SDK's MockMonitor the answer keeps up to date: what it knows of each resource. */
export interface MockMonitorState {
  readonly resources: Map<string, { urn: string; id: string | null; state: unknown }>;
}

/**
 * Answers a resource registration as the SDK's MockMonitor.registerResource does (runtime/mocks.js: the mocks'
 * `newResource`, its state serialised and kept for the monitor's later reads), without the two trips through
 * protobuf it makes per resource: decoding the request's inputs a second time, and encoding the state into a
 * protobuf Struct that the SDK decodes straight back. The answer is the plain object the SDK reads (it builds the
 * same shape itself when it runs with no monitor). At 200 services that is 2,900 resources and some 50 MB of peak
 * memory; test/plan/byte-identical.test.ts proves every example stack plans the same either way.
 */
export async function answerRegistration(
  mocks: pulumi.runtime.Mocks,
  monitor: MockMonitorState,
  registration: Registration,
  callback: (error: unknown, response: unknown) => void,
): Promise<void> {
  const { urn, type, name, custom, provider, importId, wire } = registration;
  try {
    const inputs = Object.fromEntries(Object.entries(wire).filter(([, value]) => value !== undefined).map(([key, value]) => [key, rpc.deserializeProperty(value)]));
    const result = await mocks.newResource({ type, name, inputs, provider, custom, id: importId });
    const state = await rpc.serializeProperties("", result.state);
    monitor.resources.set(urn, { urn, id: result.id ?? null, state });
    const id = result.id || "";
    callback(null, {
      getUrn: () => urn,
      getId: () => id,
      getObject: () => ({ toJavaScript: () => state }),
      getPropertydependenciesMap: () => undefined,
      getResult: () => 0,
      getUnknown: () => false,
    });
  } catch (error) {
    callback(error, undefined);
  }
}
