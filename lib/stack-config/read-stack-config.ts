import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { UserInputError } from "../cli/errors.ts";

const stacksDir = "stacks";

/**
 * Reads `stacks/Pulumi.<stack>.yaml` into the config map the Pulumi runtime would hand a program: keys as written
 * (`stratum:region`), strings as they are, structured values as JSON text (what the Pulumi CLI does).
 */
export function readStackConfig(root: string, stack: string): Record<string, string> {
  const path = join(root, stacksDir, `Pulumi.${stack}.yaml`);
  if (!existsSync(path)) {
    const known = existsSync(join(root, stacksDir))
      ? readdirSync(join(root, stacksDir)).map((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1]).filter((s): s is string => s !== undefined).sort()
      : [];
    throw new UserInputError(`unknown stack ${stack}; ${stacksDir}/ has: ${known.length > 0 ? known.join(", ") : "no stacks"}`);
  }
  let document: unknown;
  try {
    document = parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new UserInputError(`${path}: not valid YAML (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  }
  const config = (document as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) throw new UserInputError(`${path}: "config" must be a map`);
  return Object.fromEntries(Object.entries(config).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
}
