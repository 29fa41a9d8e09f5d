// First, so that the SDK, imported next, loads what a plan never calls only on first use (the command line and
// the plan worker import it earlier still: a module they import before this one imports the SDK).
import "./deferred-sdk-modules.ts";
import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { OfflineAnswers } from "../../components/cloud-module.ts";
import { secretPlaceholder, type PlanResource } from "./model.ts";
import { joinPath, valueAt } from "./input-path.ts";
import { skipEngineBookkeeping } from "./engine-bookkeeping.ts";
import { deferUnreadOutputs } from "./deferred-outputs.ts";
import { answerRegistration, skipRequestEncoding, type MockMonitorState } from "./mock-registration.ts";

/** The signatures Pulumi's wire format uses for special values. */
const secretSig = "1b47061264138c4ac30d75fd1eb44270";
const resourceRefSig = "5cf8f73096256a8f31e491e813e4eb8e";
const assetSig = "c44067f5952c0a294b673a41bacd8c17";
const archiveSig = "0def7320c3a5731c473e5ecbe6d01bc7";
const specialSigKey = "4dabf18193072939515e22adb298388d";
const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface RecordOptions {
  readonly project: string;
  readonly stack: string;
  readonly config: Readonly<Record<string, string>>;
  readonly secretKeys?: readonly string[];
  /** The cloud region placeholders are computed for. */
  readonly region: string;
  /** The stack's cloud's answers for what the cloud would compute (components/clouds/<cloud>/offline.ts). */
  readonly offline: OfflineAnswers;
  /** The program: the default export of the entry that Pulumi.yaml names. Returns the stack outputs. */
  readonly program: () => Promise<Record<string, unknown> | void>;
  /**
   * The offline answer to each `pulumi.StackReference` the program may read, by the name it references: that
   * stack's plan outputs (see stack-references.ts). A reference to any other stack fails the plan.
   */
  readonly stackReferences?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /**
   * The plan's shortcuts through the SDK: "on" (the default) skips what the SDK computes only for the engine
   * (engine-bookkeeping.ts), keeps requests and answers out of protobuf (mock-registration.ts) and makes a
   * resource's outputs only when the program reads them (deferred-outputs.ts); "off" runs the SDK
   * and its mock monitor exactly as they are, for the test that proves the shortcuts change no plan.
   */
  readonly sdkShortcuts?: "on" | "off";
}

export interface Recording {
  readonly resources: PlanResource[];
  readonly outputs: Record<string, unknown>;
}

interface MonitorRequest {
  getProvider(): string;
  getImportid(): string;
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getTransformsList(): { getToken(): string }[];
  getDependenciesList(): string[];
}

interface MockMonitorInternals extends MockMonitorState {
  registerResource(req: MonitorRequest, callback: (err: unknown, res: unknown) => void): Promise<void>;
  registerResourceOutputs(req: { getUrn(): string; getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined }, callback: (err: unknown, res: unknown) => void): void;
  newUrn(parent: string, type: string, name: string): string;
  transformCallbacks: Map<string, pulumi.ResourceTransform>;
}

/**
 * Runs a Pulumi program under the SDK's mock runtime and records every resource registration as the engine
 * would receive it: type, name, parent URN and inputs after transforms (the resource's own, then its ancestors',
 * then the stack's, in the engine's order). No engine, no provider plugin, no cloud is involved: the inputs
 * are what the program asks for; the cloud's answers are its offline placeholders (`offline`).
 */
export async function recordProgram(options: RecordOptions): Promise<Recording> {
  const stackTransforms: pulumi.ResourceTransform[] = [];
  /** What the offline cloud could not answer: the plan fails with the first, its message intact. */
  const offlineFailures: unknown[] = [];
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      if (args.type === stackReferenceType) {
        const name = String(args.inputs["name"] ?? args.name);
        try {
          return stackReferenceState(name, options.stackReferences ?? {});
        } catch (error) {
          // Failing the read here would leave the reference's own promises rejected behind the plan: answer with
          // no outputs, and fail the plan with this error once the program has finished.
          offlineFailures.push(error);
          return { id: name, state: { name, outputs: {}, secretOutputNames: [] } };
        }
      }
      try {
        return {
          id: args.id || options.offline.resourceId(args.type, args.name, args.inputs),
          state: { ...args.inputs, ...options.offline.computedOutputs(args.type, args.name, args.inputs, options.region) },
        };
      } catch (error) {
        // The SDK rejects the resource's outputs, which nothing may await: fail the plan with this error instead.
        offlineFailures.push(error);
        throw error;
      }
    },
    call: (args) => {
      try {
        return options.offline.invoke(args.token, args.inputs, options.region);
      } catch (error) {
        // The SDK reports a failed invoke without its message; keep ours to rethrow.
        offlineFailures.push(error);
        throw error;
      }
    },
    registerTransform: (transform) => {
      stackTransforms.push(transform);
    },
  };
  await pulumi.runtime.setMocks(mocks, options.project, options.stack, false);
  pulumi.runtime.setAllConfig({ ...options.config }, [...(options.secretKeys ?? [])]);

  const monitor = pulumi.runtime.getMonitor() as unknown as MockMonitorInternals;
  const resources: PlanResource[] = [];
  const transformsByUrn = new Map<string, pulumi.ResourceTransform[]>();
  const parentByUrn = new Map<string, string>();
  const pending: Promise<void>[] = [];
  const duplicates: string[] = [];
  let stackOutputs: Record<string, unknown> = {};
  let stackUrn = "";

  const shortcuts = options.sdkShortcuts !== "off";
  const registerResource = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    const type = req.getType();
    const name = req.getName();
    const parent = req.getParent();
    const urn = monitor.newUrn(parent, type, name);
    // The engine refuses a second resource with the same URN (same type and name under the same parent type); the
    // mock runtime does not, so the plan does, or an offline plan would pass a program `pulumi up` rejects.
    if (transformsByUrn.has(urn)) duplicates.push(urn);
    const own = req.getTransformsList().flatMap((cb) => monitor.transformCallbacks.get(cb.getToken()) ?? []);
    transformsByUrn.set(urn, own);
    if (parent) parentByUrn.set(urn, parent);
    if (type === "pulumi:pulumi:Stack") stackUrn = urn;
    const chain = [...own, ...ancestorTransforms(parent, transformsByUrn, parentByUrn), ...stackTransforms];
    const secrets: Record<string, string> = {};
    const wire = req.getObject()?.toJavaScript() ?? {};
    const inputs = toPlain(wire, "", secrets) as Record<string, unknown>;
    const dependencies = [...new Set(req.getDependenciesList())].sort();
    pending.push(
      applyTransforms(chain, { type, name, custom: req.getCustom(), props: inputs, opts: {} }).then((props) => {
        // A transform may drop or move an input: keep only the fingerprints of secrets still at their path.
        const kept = Object.entries(secrets).filter(([path]) => valueAt(props, path) === secretPlaceholder);
        resources.push({ urn, type, name, parent: parent || null, inputs: props, ...(dependencies.length > 0 ? { dependencies } : {}), ...(kept.length > 0 ? { secretFingerprints: Object.fromEntries(kept.sort()) } : {}) });
      }),
    );
    if (!shortcuts) return registerResource(req, callback);
    return answerRegistration(mocks, monitor, { urn, type, name, custom: req.getCustom(), provider: req.getProvider(), importId: req.getImportid(), wire }, callback);
  };
  const registerResourceOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req, callback) => {
    if (req.getUrn() === stackUrn) stackOutputs = toPlain(req.getOutputs()?.toJavaScript() ?? {}, "", {}) as Record<string, unknown>;
    return registerResourceOutputs(req, callback);
  };

  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  const restores = shortcuts ? [skipEngineBookkeeping(), skipRequestEncoding(), deferUnreadOutputs()] : [];
  try {
    // A program that throws must not leave the Stack's own promises rejected behind us: catch, finish, rethrow.
    await pulumi.runtime.runInPulumiStack(async () => {
      try {
        return (await options.program()) ?? {};
      } catch (error) {
        failures.push(error);
        return {};
      }
    });
    await pulumi.runtime.disconnect();
    await Promise.all(pending);
    // Node reports a promise rejected and never handled once the microtasks have run: let that reach onRejection.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    for (const restore of restores.reverse()) restore();
    process.off("unhandledRejection", onRejection);
  }
  if (offlineFailures.length > 0) throw offlineFailures[0];
  if (failures.length > 0) throw failures[0];
  if (duplicates.length > 0) {
    throw new Error(`the program registers more than one resource with the URN ${[...new Set(duplicates)].join(", ")}; Pulumi refuses duplicate URNs: give each resource a unique name`);
  }
  resources.sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
  return { resources: resources.map((r) => ({ ...r, inputs: sortKeys(r.inputs) as Record<string, unknown> })), outputs: sortKeys(stackOutputs) as Record<string, unknown> };
}

function ancestorTransforms(parent: string, own: Map<string, pulumi.ResourceTransform[]>, parents: Map<string, string>): pulumi.ResourceTransform[] {
  const chain: pulumi.ResourceTransform[] = [];
  for (let urn: string | undefined = parent; urn; urn = parents.get(urn)) chain.push(...(own.get(urn) ?? []));
  return chain;
}

async function applyTransforms(chain: readonly pulumi.ResourceTransform[], args: pulumi.ResourceTransformArgs): Promise<Record<string, unknown>> {
  let props = args.props as Record<string, unknown>;
  for (const transform of chain) {
    const result = await transform({ ...args, props });
    if (result) props = result.props as Record<string, unknown>;
  }
  return props;
}

/**
 * Wire-format values → plain JSON: secrets become "[secret]", resource references their URN, unknowns vanish.
 * Each secret's fingerprint goes into `secrets` by its input path, so two plans can tell a changed secret from an
 * unchanged one without either value being written anywhere (see secretFingerprint).
 */
function toPlain(value: unknown, path: string, secrets: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== unknownValue).map((v, i) => toPlain(v, `${path}[${i}]`, secrets));
  if (value === null || typeof value !== "object") return value;
  const record = value as Record<string, unknown>;
  switch (record[specialSigKey]) {
    case secretSig:
      secrets[path] = secretFingerprint(record["value"]);
      return secretPlaceholder;
    case resourceRefSig:
      return record["urn"];
    case assetSig:
    case archiveSig:
      return { asset: record["path"] ?? record["uri"] ?? "[inline]" };
  }
  return Object.fromEntries(Object.entries(record).filter(([, v]) => v !== unknownValue).map(([k, v]) => [k, toPlain(v, joinPath(path, k), secrets)]));
}

/**
 * A secret's fingerprint: 16 hex digits of SHA-256 over its plain value as the mock runtime saw it. Offline, no
 * secret ever exists: `secure:` config is never decrypted (it is "[secret]" here) and every other secret is made
 * from the repository's own text and the offline placeholders, so the fingerprint discloses nothing the
 * repository does not; it only lets `stratum plan diff` say "changed" without printing either side.
 */
function secretFingerprint(value: unknown): string {
  return createHash("sha256").update(`stratum-secret\0${JSON.stringify(sortKeys(toPlain(value, "", {})))}`).digest("hex").slice(0, 16);
}

/** Deterministic key order, so two plans of the same stack are byte-identical. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
}

const stackReferenceType = "pulumi:pulumi:StackReference";

/**
 * A StackReference read offline: the referenced stack's plan outputs, secrets (offline "[secret]") named as such.
 * Never invented: a stack the plan was not given fails it, naming the stack.
 */
function stackReferenceState(name: string, references: Readonly<Record<string, Readonly<Record<string, unknown>>>>): { id: string; state: Record<string, unknown> } {
  const outputs = references[name];
  if (!outputs) {
    const known = Object.keys(references);
    throw new Error(`the offline plan has no outputs for the stack reference "${name}" (${known.length ? `it has ${known.join(", ")}` : "no stack references were planned"}); a review stack's stratum:review.baseStack must be a stack in stacks/, planned first`);
  }
  const secretOutputNames = Object.entries(outputs).filter(([, v]) => v === secretPlaceholder).map(([k]) => k);
  return { id: name, state: { name, outputs: { ...outputs }, secretOutputNames } };
}
