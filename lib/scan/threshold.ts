import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { UserInputError } from "../cli/errors.ts";
import { environments, profiles, type Environment } from "../../components/spec/profiles.ts";
import { thresholds, type Threshold } from "./severity.ts";

/**
 * With neither `--fail-on` nor `--stack`, the gate uses the strictest profile's threshold (prod's `high`):
 * a forgotten flag must not make the gate more lenient than production.
 */
export const defaultFailOn: Threshold = profiles.prod.scan.failOn;

/**
 * The threshold, in order: `--fail-on`; the stack's `stratum:scan: {failOn}`; its environment profile's
 * `scan.failOn`; `defaultFailOn`. The stack file is `stacks/Pulumi.<stack>.yaml` under `cwd`.
 */
export async function resolveFailOn(flag: Threshold | undefined, stack: string | undefined, cwd: string): Promise<Threshold> {
  if (flag !== undefined) return flag;
  if (stack === undefined) return defaultFailOn;
  const file = path.join(cwd, "stacks", `Pulumi.${stack}.yaml`);
  const config = await readStackConfig(file);
  const override = (config["stratum:scan"] as { failOn?: unknown } | undefined)?.failOn;
  if (override !== undefined) {
    if (!(thresholds as readonly unknown[]).includes(override)) {
      throw new UserInputError(`${file}: stratum:scan.failOn: got ${JSON.stringify(override)}, expected one of ${thresholds.join(", ")}`);
    }
    return override as Threshold;
  }
  const environment = config["stratum:environment"];
  if (!(environments as readonly unknown[]).includes(environment)) {
    throw new UserInputError(`${file}: stratum:environment: got ${JSON.stringify(environment)}, expected one of ${environments.join(", ")}`);
  }
  return profiles[environment as Environment].scan.failOn;
}

async function readStackConfig(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new UserInputError(`--stack: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let document: unknown;
  try {
    document = parseYaml(text);
  } catch (error) {
    throw new UserInputError(`${file}: not valid YAML (${(error as Error).message.split("\n")[0]})`);
  }
  const config = (document as { config?: unknown } | null)?.config;
  if (typeof config !== "object" || config === null) throw new UserInputError(`${file}: no "config:" map`);
  return config as Record<string, unknown>;
}
