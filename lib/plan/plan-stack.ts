import { specFromConfig, type PlatformSpec } from "../../components/spec/index.ts";
import { readStackConfig, type StackConfig } from "../stack-config/stack-config.ts";
import { recordProgram } from "./record.ts";
import { loadCloud } from "../../components/clouds/select.ts";
import type { Program } from "./load-program.ts";
import { planFormatVersion, type PlanReport } from "./model.ts";
import { evaluatePlan, policyContextFromSpec } from "../../policy/evaluate.ts";
import type { Waiver } from "../../policy/waivers.ts";
import { systemFlows } from "../../components/wiring/flows.ts";

/** A stack whose config is valid, ready to plan. */
export interface PreparedStack {
  readonly stack: string;
  readonly config: StackConfig;
  readonly spec: PlatformSpec;
}

/**
 * Reads and validates a stack's config before anything runs, so a bad config registers no resource and every
 * problem is reported at once (a SpecError, exit 2).
 */
export function prepareStack(root: string, stack: string): PreparedStack {
  const config = readStackConfig(root, stack);
  return { stack, config, spec: specFromConfig(config.values, stack) };
}

export interface PlanOptions {
  /** Policy waivers to apply (policy/waivers.yaml by default, loaded by the command). */
  readonly waivers?: readonly Waiver[];
  /** The day waivers are checked against. */
  readonly today?: Date;
  /** Takes the warnings the program raised (and clears them), e.g. images not yet pinned by digest. */
  readonly takeWarnings?: () => string[];
  /** Plan outputs of the stacks the program references (a review stack's base), by referenced name. */
  readonly stackReferences?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** See RecordOptions.sdkShortcuts. */
  readonly sdkShortcuts?: "on" | "off";
}

/**
 * Plans one stack: runs the program under the mock runtime, records what it registers, and evaluates the
 * policy rules the stack's compliance frameworks select on the recorded resources.
 */
export async function planStack(prepared: PreparedStack, program: Program, options: PlanOptions = {}): Promise<PlanReport> {
  const takeWarnings = options.takeWarnings ?? (() => []);
  const { stack, config, spec } = prepared;
  takeWarnings();
  // The program loads the same cloud (a module cached once); its offline answers stand in for the cloud.
  const { offline } = await loadCloud(spec.cloud);
  const recording = await recordProgram({
    project: "stratum",
    stack,
    config: config.values,
    secretKeys: config.secretKeys,
    region: spec.region,
    offline: offline({ region: spec.region, account: spec.account }),
    program,
    ...(options.stackReferences ? { stackReferences: options.stackReferences } : {}),
    ...(options.sdkShortcuts ? { sdkShortcuts: options.sdkShortcuts } : {}),
  });
  const { violations, compliance } = evaluatePlan(recording.resources, policyContextFromSpec(spec), options.waivers ?? [], options.today ?? new Date());
  return {
    formatVersion: planFormatVersion,
    stack,
    cloud: spec.cloud,
    environment: spec.environment,
    region: spec.region,
    offline: true,
    resources: recording.resources,
    outputs: recording.outputs,
    warnings: [...new Set(takeWarnings())].sort(),
    flows: systemFlows(spec),
    violations,
    compliance,
    ...(config.secretFingerprints ? { configSecretFingerprints: config.secretFingerprints } : {}),
  };
}
