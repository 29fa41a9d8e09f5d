import { specFromConfig, type PlatformSpec } from "../../components/spec/index.ts";
import { readStackConfig, type StackConfig } from "./stack-config.ts";
import { recordProgram } from "./record.ts";
import type { Program } from "./load-program.ts";
import type { PlanReport } from "./model.ts";

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

/** Plans one stack: runs the program under the mock runtime and records what it registers. */
export async function planStack(prepared: PreparedStack, program: Program, takeWarnings: () => string[] = () => []): Promise<PlanReport> {
  const { stack, config, spec } = prepared;
  takeWarnings();
  const recording = await recordProgram({
    project: "stratum",
    stack,
    config: config.values,
    secretKeys: config.secretKeys,
    region: spec.region,
    program,
  });
  return {
    stack,
    cloud: spec.cloud,
    environment: spec.environment,
    region: spec.region,
    offline: true,
    resources: recording.resources,
    outputs: recording.outputs,
    warnings: [...new Set(takeWarnings())].sort(),
  };
}
