import { createRequire } from "node:module";
import { Server } from "node:net";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { recordProgram } from "../../lib/plan/record.ts";
import type { OfflineAnswers } from "../../components/cloud-module.ts";

class Box extends pulumi.ComponentResource {
  constructor(name: string, build: (parent: Box) => void, opts: pulumi.ComponentResourceOptions = {}) {
    super("test:index:Box", name, {}, opts);
    build(this);
    this.registerOutputs({});
  }
}

interface ThingArgs {
  readonly label?: pulumi.Input<string>;
  readonly target?: pulumi.Input<string>;
  readonly tags?: pulumi.Input<Record<string, string>>;
}

/** A resource of no provider: the recorder is cloud-neutral, the cloud's answers come from `offline`. */
class Thing extends pulumi.CustomResource {
  declare readonly label: pulumi.Output<string>;
  /** Computed by the (test) cloud. */
  declare readonly ref: pulumi.Output<string>;

  constructor(name: string, args: ThingArgs, opts: pulumi.CustomResourceOptions = {}) {
    super("test:index:Thing", name, { ...args, ref: undefined }, opts);
  }
}

/** @pulumi/pulumi as a generated provider class reaches it: by `require`, calling its exports at run time. */
const sdk = createRequire(import.meta.url)("@pulumi/pulumi") as typeof pulumi;
/** protobuf's Struct, as the SDK encodes a request's properties with it. */
const { Struct } = createRequire(createRequire(import.meta.url).resolve("@pulumi/pulumi"))("google-protobuf/google/protobuf/struct_pb.js") as { Struct: { fromJavaScript(value: object): { toJavaScript(): unknown } } };
/** The SDK's wire codec, whose `transferProperties` makes a resource's output properties. */
const rpc = createRequire(import.meta.url)("@pulumi/pulumi/runtime/rpc.js") as { transferProperties: unknown };
/** An Output's own promise (internal to the SDK), which rejects where `apply` would never run. */
const promiseOf = (output: pulumi.Output<unknown>) => (output as unknown as { promise(): Promise<unknown> }).promise();
/** An Output's value, as the program's `apply` sees it. */
const outputValue = (output: pulumi.Output<unknown>) => new Promise((resolve) => output.apply(resolve));
/** The SDK's promise wrapper, as its runtime calls it. */
const debuggable = createRequire(import.meta.url)("@pulumi/pulumi/runtime/debuggable.js") as { debuggablePromise: <T>(p: Promise<T>, ctx: string) => Promise<T> };

/**
 * A resource built as every generated provider class is: the type's earlier tokens merged into its options as
 * aliases (`pulumi.mergeOptions(opts, { aliases: [{ type }] })`), on top of whatever aliases the program gives.
 */
class Versioned extends pulumi.CustomResource {
  constructor(name: string, opts: pulumi.CustomResourceOptions = {}) {
    super("test:index:Versioned", name, {}, sdk.mergeOptions(opts, { aliases: [{ type: "test:index/v1:Versioned" }, { type: "test:index/v2:Versioned" }] }));
  }
}

/** The aliases the SDK collapsed in a resource's constructor: one Output each. */
const collapsedAliases = (resource: pulumi.Resource) => (resource as unknown as { __aliases: unknown[] }).__aliases.length;

/** A cloud that answers one provider function and computes `ref` from the region, id and name. */
const offline: OfflineAnswers = {
  invoke: (token, args, region) => {
    if (token === "test:index:zones") return { names: [`${region}a`] };
    throw new Error(`the offline plan has no answer for the provider function ${token} (inputs ${JSON.stringify(args)})`);
  },
  resourceId: (_type, name, inputs) => String(inputs["label"] ?? name),
  computedOutputs: (type, name, _inputs, region) => (type === "test:index:Thing" ? { ref: `ref:${region}:${name}` } : {}),
};

const base = { project: "stratum", stack: "unit", config: { "stratum:greeting": "hello" }, region: "eu-west-1", offline };
const addTag = (key: string, value: string): pulumi.ResourceTransform => (args) =>
  args.type === "test:index:Thing" ? { props: { ...args.props, tags: { ...(args.props["tags"] ?? {}), [key]: value } }, opts: args.opts } : undefined;

describe("recordProgram", () => {
  it("records type, name, parent URN and inputs of every registration, with the config the program reads", async () => {
    const { resources, outputs } = await recordProgram({
      ...base,
      program: async () => {
        const box = new Box("box", (parent) => new Thing("logs", { label: "acme-logs" }, { parent }));
        return { greeting: new pulumi.Config("stratum").require("greeting"), box: box.urn };
      },
    });
    const thing = resources.find((r) => r.type === "test:index:Thing");
    expect(thing).toEqual({
      urn: "urn:pulumi:unit::stratum::test:index:Box$test:index:Thing::logs",
      type: "test:index:Thing",
      name: "logs",
      parent: "urn:pulumi:unit::stratum::pulumi:pulumi:Stack$test:index:Box::box",
      inputs: { label: "acme-logs" },
    });
    expect(resources.find((r) => r.type === "pulumi:pulumi:Stack")?.parent).toBeNull();
    expect(outputs["greeting"]).toBe("hello");
  });

  it("records what each resource waits for: dependsOn and the resources its inputs read", async () => {
    const { resources } = await recordProgram({
      ...base,
      program: async () => {
        const data = new Thing("data", { label: "acme-data" });
        const other = new Thing("other", {});
        new Thing("reader", { target: data.label }, { dependsOn: [other] });
      },
    });
    const urnOf = (name: string) => resources.find((r) => r.name === name)!.urn;
    expect(resources.find((r) => r.name === "reader")?.dependencies).toEqual([urnOf("data"), urnOf("other")].sort());
    expect(resources.find((r) => r.name === "other")).not.toHaveProperty("dependencies");
  });

  it("masks secrets in inputs and outputs as the CLI does", async () => {
    const { resources, outputs } = await recordProgram({
      ...base,
      program: async () => {
        new Thing("policy", { target: pulumi.secret('{"Version":"2012-10-17"}') });
        return { token: pulumi.secret("s3cr3t"), plain: "visible" };
      },
    });
    expect(resources.find((r) => r.name === "policy")?.inputs["target"]).toBe("[secret]");
    expect(outputs).toEqual({ plain: "visible", token: "[secret]" });
    expect(JSON.stringify(resources)).not.toContain("s3cr3t");
  });

  it("applies transforms the way the engine does: the resource's own, then each ancestor's, then the stack's", async () => {
    const { resources } = await recordProgram({
      ...base,
      program: async () => {
        pulumi.runtime.registerResourceTransform(addTag("order", "stack"));
        new Box("outer", (outer) => new Box("inner", (inner) => new Thing("thing", {}, { parent: inner, transforms: [addTag("order", "own")] }), { parent: outer, transforms: [addTag("inner", "yes")] }), {
          transforms: [addTag("outer", "yes"), addTag("order", "outer")],
        });
      },
    });
    // Later transforms see (and here overwrite) what earlier ones set: the stack's runs last.
    expect(resources.find((r) => r.type === "test:index:Thing")?.inputs["tags"]).toEqual({ order: "stack", inner: "yes", outer: "yes" });
  });

  it("wires outputs through the ids and computed outputs the stack's cloud answers with", async () => {
    const { resources } = await recordProgram({
      ...base,
      program: async () => {
        const data = new Thing("data", { label: "acme-data" });
        new Thing("by-id", { target: data.id });
        new Thing("by-ref", { target: data.ref });
      },
    });
    expect(resources.find((r) => r.name === "by-id")?.inputs["target"]).toBe("acme-data");
    expect(resources.find((r) => r.name === "by-ref")?.inputs["target"]).toBe("ref:eu-west-1:data");
  });

  it("answers provider functions from the cloud's offline answers", async () => {
    const { outputs } = await recordProgram({ ...base, program: async () => ({ zones: await pulumi.runtime.invoke("test:index:zones", {}) }) });
    expect(outputs["zones"]).toEqual({ names: ["eu-west-1a"] });
  });

  it("fails on a provider function the cloud has no answer for, rather than inventing one", async () => {
    await expect(recordProgram({ ...base, program: async () => ({ doc: await pulumi.runtime.invoke("test:index:unknown", { x: 1 }) }) })).rejects.toThrow(
      'the offline plan has no answer for the provider function test:index:unknown (inputs {"x":1})',
    );
  });

  it("refuses two resources with one URN, as the engine does, and accepts the same name under another parent type", async () => {
    await expect(recordProgram({ ...base, program: async () => {
      new Box("a", (parent) => new Thing("logs", {}, { parent }));
      new Box("b", (parent) => new Thing("logs", {}, { parent }));
      return {};
    } })).rejects.toThrow("the program registers more than one resource with the URN urn:pulumi:unit::stratum::test:index:Box$test:index:Thing::logs; Pulumi refuses duplicate URNs");
    const distinct = await recordProgram({ ...base, program: async () => {
      new Box("a", (parent) => new Thing("logs", {}, { parent }));
      new Thing("logs", {});
      return {};
    } });
    expect(distinct.resources.filter((r) => r.name === "logs")).toHaveLength(2);
  });

  it("skips the SDK's bookkeeping for the engine while the program runs (stack stamps, source positions, promise leak tracking), and restores it after, also on an error", async () => {
    const bookkeeping = () => {
      const promise = Promise.resolve();
      return { stackTraceLimit: Error.stackTraceLimit, sourcePositions: (pulumi.Resource as unknown as { stackTrace(skip: number): unknown[] }).stackTrace(0).length > 0, wrapsPromises: debuggable.debuggablePromise(promise, "test") !== promise };
    };
    const before = bookkeeping();
    expect(before.sourcePositions && before.wrapsPromises).toBe(true);
    let during: ReturnType<typeof bookkeeping> | undefined;
    await recordProgram({ ...base, program: async () => {
      during = bookkeeping();
      return {};
    } });
    expect(during).toEqual({ stackTraceLimit: 0, sourcePositions: false, wrapsPromises: false });
    expect(bookkeeping()).toEqual(before);
    await expect(recordProgram({ ...base, program: async () => Promise.reject(new Error("spec is bad")) })).rejects.toThrow("spec is bad");
    expect(bookkeeping()).toEqual(before);
    let kept: ReturnType<typeof bookkeeping> | undefined;
    await recordProgram({ ...base, sdkShortcuts: "off", program: async () => {
      kept = bookkeeping();
      return {};
    } });
    expect(kept).toEqual(before);
  });

  it("applies transforms without the SDK's callback server (no port opened), as the SDK does with its server when the shortcuts are off", async () => {
    const listens: unknown[] = [];
    const listen = Server.prototype.listen;
    Server.prototype.listen = function (this: Server, ...args: unknown[]) {
      listens.push(args[0]);
      return (listen as (...a: unknown[]) => Server).apply(this, args);
    };
    const program = async () => {
      new Box("outer", (parent) => new Thing("thing", {}, { parent, transforms: [addTag("own", "yes")] }), { transforms: [addTag("outer", "yes")] });
      return {};
    };
    const tagsOf = (recording: Awaited<ReturnType<typeof recordProgram>>) => recording.resources.find((r) => r.type === "test:index:Thing")?.inputs["tags"];
    try {
      const offlineRun = await recordProgram({ ...base, program });
      expect(listens).toEqual([]);
      expect(tagsOf(offlineRun)).toEqual({ own: "yes", outer: "yes" });
      const sdkRun = await recordProgram({ ...base, sdkShortcuts: "off", program });
      // The SDK's own server: a loopback port, so that the engine could call the transforms back.
      expect(listens.length).toBeGreaterThan(0);
      expect(tagsOf(sdkRun)).toEqual(tagsOf(offlineRun));
    } finally {
      Server.prototype.listen = listen;
    }
  });

  it("keeps a request's properties out of protobuf while the program runs (the object itself comes back), and encodes them again after, also on an error", async () => {
    const properties = { name: "orders", tags: { team: "a" } };
    const encodedKeepsIdentity = () => Struct.fromJavaScript(properties).toJavaScript() === properties;
    expect(encodedKeepsIdentity()).toBe(false);
    let during: boolean | undefined;
    await recordProgram({ ...base, program: async () => {
      during = encodedKeepsIdentity();
      return {};
    } });
    expect(during).toBe(true);
    expect(Struct.fromJavaScript(properties).toJavaScript()).toEqual(properties);
    expect(encodedKeepsIdentity()).toBe(false);
    await expect(recordProgram({ ...base, program: async () => Promise.reject(new Error("spec is bad")) })).rejects.toThrow("spec is bad");
    expect(encodedKeepsIdentity()).toBe(false);
  });

  it("leaves a provider class's own type aliases out while the program runs, keeps the program's, and restores the SDK after, also on an error", async () => {
    const collapsed: number[] = [];
    const recording = await recordProgram({ ...base, program: async () => {
      collapsed.push(collapsedAliases(new Versioned("plain")), collapsedAliases(new Versioned("renamed", { aliases: [{ name: "old-name" }] })));
      return {};
    } });
    expect(collapsed).toEqual([0, 1]);
    expect(recording.resources.filter((r) => r.type === "test:index:Versioned").map((r) => r.name).sort()).toEqual(["plain", "renamed"]);
    const typeAliases = { aliases: [{ type: "test:index/v1:Versioned" }] };
    expect(sdk.mergeOptions({}, typeAliases).aliases).toHaveLength(1);
    await expect(recordProgram({ ...base, program: async () => Promise.reject(new Error("spec is bad")) })).rejects.toThrow("spec is bad");
    expect(sdk.mergeOptions({}, typeAliases).aliases).toHaveLength(1);
  });

  it("makes a resource's output an Output only when the program reads it, with what the SDK gives read early or late, and restores the SDK after, also on an error", async () => {
    const transfer = rpc.transferProperties;
    const program = (seen: Record<string, unknown>) => async () => {
      const source = new Thing("source", { label: pulumi.secret("acme-source") });
      seen["unreadIsPlain"] = "value" in (Object.getOwnPropertyDescriptor(source, "label") ?? {});
      // Read before the registration is answered: its promises settle when it is.
      const early = source.ref;
      seen["early"] = await outputValue(early);
      seen["earlyKnown"] = await (early as unknown as { isKnown: Promise<boolean> }).isKnown;
      // Read after: made from what the answer gave.
      const late = source.label;
      seen["late"] = await outputValue(late);
      seen["lateSecret"] = await (late as unknown as { isSecret: Promise<boolean> }).isSecret;
      seen["sameOutput"] = source.label === late;
      const reader = new Thing("reader", { target: late });
      (reader as unknown as { ref: unknown }).ref = "assigned";
      seen["assigned"] = (reader as unknown as { ref: unknown }).ref;
      seen["keys"] = Object.keys(reader).filter((key) => key === "target" || key === "ref");
    };
    const deferred: Record<string, unknown> = {};
    const sdkRun: Record<string, unknown> = {};
    const withDeferred = await recordProgram({ ...base, program: program(deferred) });
    const full = await recordProgram({ ...base, sdkShortcuts: "off", program: program(sdkRun) });
    // The SDK's own property is a plain one from the start; the deferred one until its first read.
    expect(sdkRun["unreadIsPlain"]).toBe(true);
    expect(deferred).toEqual({ ...sdkRun, unreadIsPlain: false });
    expect(deferred).toMatchObject({ early: "ref:eu-west-1:source", earlyKnown: true, late: "acme-source", lateSecret: true, sameOutput: true, assigned: "assigned", keys: ["target", "ref"] });
    // The reader waits for the source it read from, as with the SDK's own outputs.
    expect(JSON.stringify(withDeferred)).toBe(JSON.stringify(full));
    expect(withDeferred.resources.find((r) => r.name === "reader")?.dependencies).toEqual([withDeferred.resources.find((r) => r.name === "source")!.urn]);
    expect(rpc.transferProperties).toBe(transfer);
    await expect(recordProgram({ ...base, program: async () => Promise.reject(new Error("spec is bad")) })).rejects.toThrow("spec is bad");
    expect(rpc.transferProperties).toBe(transfer);
  });

  it("leaves outputs to the SDK when its transferProperties is no longer the one the stand-in repeats", async () => {
    const sdkTransfer = rpc.transferProperties as (...args: unknown[]) => unknown;
    // A newer SDK's function, as far as the stand-in can tell: not the source it checks for.
    const changed = (...args: unknown[]) => sdkTransfer(...args);
    rpc.transferProperties = changed;
    try {
      let unreadIsPlain: boolean | undefined;
      await recordProgram({ ...base, program: async () => {
        const thing = new Thing("thing", { label: "acme-thing" });
        unreadIsPlain = "value" in (Object.getOwnPropertyDescriptor(thing, "label") ?? {});
      } });
      expect(unreadIsPlain).toBe(true);
      expect(rpc.transferProperties).toBe(changed);
    } finally {
      rpc.transferProperties = sdkTransfer;
    }
  });

  it("gives an output of a failed registration, read after it failed, the failure, as the SDK's own outputs do", async () => {
    const failing: OfflineAnswers = { ...offline, computedOutputs: (_type, name) => {
      if (name === "broken") throw new Error("the offline cloud has no answer for broken");
      return {};
    } };
    const program = (seen: string[]) => async () => {
      const broken = new Thing("broken", { label: "acme-broken" });
      await promiseOf(broken.urn).catch(() => {});
      await new Promise((resolve) => setImmediate(resolve));
      // Read only once the registration has failed: the Output carries the failure, as the SDK's own does.
      seen.push(await promiseOf(broken.label).then((value) => `resolved: ${String(value)}`, (error: Error) => `rejected: ${error.message}`));
    };
    const sdkRun: string[] = [];
    const deferred: string[] = [];
    await expect(recordProgram({ ...base, offline: failing, sdkShortcuts: "off", program: program(sdkRun) })).rejects.toThrow("the offline cloud has no answer for broken");
    await expect(recordProgram({ ...base, offline: failing, program: program(deferred) })).rejects.toThrow("the offline cloud has no answer for broken");
    expect(sdkRun).toEqual(["rejected: failed to register new resource broken [test:index:Thing]: the offline cloud has no answer for broken"]);
    expect(deferred).toEqual(sdkRun);
  });

  it("fails the plan with the offline cloud's error when it cannot answer a registration, and leaves none of the SDK's rejections behind it", async () => {
    const failing: OfflineAnswers = { ...offline, computedOutputs: (_type, name) => {
      if (name === "broken") throw new Error("the offline cloud has no answer for broken");
      return {};
    } };
    // The program reads nothing and returns at once: the outputs the SDK rejects are nobody's, and Vitest fails the
    // run on a rejection left unhandled after the recording.
    for (const sdkShortcuts of ["off", "on"] as const) {
      // The cloud's own message, not the SDK's wrapping of it.
      await expect(recordProgram({ ...base, offline: failing, sdkShortcuts, program: async () => {
        new Thing("broken", { label: "acme-broken" });
      } })).rejects.toThrow(/^the offline cloud has no answer for broken$/);
    }
  });

  it("rethrows the program's error and leaves nothing pending behind it", async () => {
    await expect(recordProgram({ ...base, program: async () => Promise.reject(new Error("spec is bad")) })).rejects.toThrow("spec is bad");
    const again = await recordProgram({ ...base, program: async () => ({ ok: true }) });
    expect(again.outputs).toEqual({ ok: true });
  });

  it("gives the same recording twice", async () => {
    const program = async () => {
      new Box("a", (parent) => ["x", "y", "z"].forEach((n) => new Thing(n, { label: `acme-${n}` }, { parent })));
    };
    const first = await recordProgram({ ...base, program });
    const second = await recordProgram({ ...base, program });
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
    expect(first.resources.map((r) => r.urn)).toEqual([...first.resources.map((r) => r.urn)].sort());
  });
});
