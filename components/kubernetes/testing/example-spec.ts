import { readStackConfig } from "../../../lib/stack-config/stack-config.ts";
import { specFromConfig, type PlatformSpec } from "../../spec/index.ts";

const root = new URL("../../../", import.meta.url).pathname;

/**
 * The resolved spec of an example stack, with config overrides (`stratum:<key>` → value) applied. Cloud-neutral,
 * so any cloud's tests may use it without reaching another cloud's drivers (fixture.ts builds on AWS's).
 */
export function exampleSpec(stack: string, overrides: Readonly<Record<string, unknown>> = {}): PlatformSpec {
  const { values } = readStackConfig(root, stack);
  for (const [key, value] of Object.entries(overrides)) values[`stratum:${key}`] = typeof value === "string" ? value : JSON.stringify(value);
  return specFromConfig(values, stack);
}
