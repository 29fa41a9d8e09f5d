import { profiles } from "../../components/spec/profiles.ts";
import { loadStackSpec } from "../stack-config/stack-config.ts";
import { thresholds, type Threshold } from "./severity.ts";

/**
 * With neither `--fail-on` nor `--stack`, the gate uses the strictest profile's threshold (prod's `high`):
 * a forgotten flag must not make the gate more lenient than production.
 */
export const defaultFailOn: Threshold = profiles.prod.scan.failOn;

/**
 * The threshold, in order: `--fail-on`; the stack's own (`stratum:scan.failOn`, else its environment profile's,
 * as the spec resolves it); `defaultFailOn`. The stack file is `stacks/Pulumi.<stack>.yaml` under `cwd`.
 */
export async function resolveFailOn(flag: Threshold | undefined, stack: string | undefined, cwd: string): Promise<Threshold> {
  if (flag !== undefined) return flag;
  if (stack === undefined) return defaultFailOn;
  return loadStackSpec(cwd, stack).scan.failOn;
}
