import type { PreparedStack } from "./prepare-stack.ts";
import { recordProgram } from "./record.ts";
import { loadCloud } from "../../components/clouds/select.ts";
import type { Program } from "./load-program.ts";
import { planFormatVersion, type PlanReport } from "./model.ts";
import { evaluatePlan, policyContextFromSpec } from "../../policy/evaluate.ts";
import type { Waiver } from "../../policy/waivers.ts";
import { systemFlows } from "../../components/wiring/flows.ts";

export { prepareStack, type PreparedStack } from "./prepare-stack.ts";

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
