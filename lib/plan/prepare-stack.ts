import { specFromConfig, type PlatformSpec } from "../../components/spec/index.ts";
import { readStackConfig, type StackConfig } from "../stack-config/stack-config.ts";

/** A stack whose config is valid, ready to plan. */
export interface PreparedStack {
  readonly stack: string;
  readonly config: StackConfig;
  readonly spec: PlatformSpec;
}

/**
 * Reads and validates a stack's config before anything runs, so a bad config registers no resource and every
 * problem is reported at once (a SpecError, exit 2). Kept apart from plan-stack.ts so that a process which only
 * validates (the command that hands the planning to other processes) never loads the Pulumi SDK.
 */
export function prepareStack(root: string, stack: string): PreparedStack {
  const config = readStackConfig(root, stack);
  return { stack, config, spec: specFromConfig(config.values, stack) };
}
