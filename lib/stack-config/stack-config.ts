import { createHash } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { UserInputError } from "../cli/errors.ts";
import { secretPlaceholder } from "../plan/model.ts";
import { specFromConfig, type PlatformSpec } from "../../components/spec/index.ts";
import { checkStackName, stackNameProblem } from "./stack-name.ts";

/** The Pulumi project name: config keys without a namespace belong to it, as the Pulumi CLI reads them. */
const projectName = "stratum";
const stackFile = /^Pulumi\.(.*)\.yaml$/s;

/**
 * Stack names with a config file in `<root>/stacks/`, sorted. Every name is checked against the stack name
 * pattern: one bad file name is bad input for every command that lists stacks (exit 2, nothing written), so no
 * command can plan, configure or generate workflows from it.
 */
export function listStacks(root: string): string[] {
  let files: string[];
  try {
    files = readdirSync(join(root, "stacks"));
  } catch {
    return [];
  }
  const names: string[] = [];
  const problems: string[] = [];
  for (const file of files) {
    const name = stackFile.exec(file)?.[1];
    if (name === undefined) continue;
    const problem = stackNameProblem(`stacks/${JSON.stringify(file).slice(1, -1)}`, name);
    if (problem === undefined) names.push(name);
    else problems.push(problem);
  }
  if (problems.length > 0) throw new UserInputError(problems.sort());
  return names.sort();
}

export interface StackConfig {
  /** `namespace:key` → value, as `pulumi.runtime.allConfig()` hands it to a program: objects as JSON text. */
  readonly values: Record<string, string>;
  /** Keys whose values are `secure:` ciphertext: offline they are "[secret]", never decrypted. */
  readonly secretKeys: string[];
  /**
   * Per secret key, a fingerprint of its ciphertext (16 hex digits of SHA-256; the ciphertext is in the stack
   * file already), so `stratum plan diff` sees a changed secret value that the program only ever sees as "[secret]".
   */
  readonly secretFingerprints?: Readonly<Record<string, string>>;
}

/**
 * Reads `stacks/Pulumi.<stack>.yaml` the way the Pulumi CLI hands config to a program: structured values become
 * JSON text, keys without a namespace get the project's, and `secure:` values stay encrypted (here: "[secret]").
 */
export function readStackConfig(root: string, stack: string): StackConfig {
  checkStackName("--stack", stack);
  const known = listStacks(root);
  if (!known.includes(stack)) {
    throw new UserInputError(`--stack: unknown stack "${stack}"; stacks/ has ${known.length ? known.join(", ") : "no stack files"}`);
  }
  return readStackFile(root, join("stacks", `Pulumi.${stack}.yaml`));
}

/**
 * Reads one stack file (`file`, relative to `root`, as messages name it) the way the Pulumi CLI hands config to a
 * program. Test fixtures kept outside `stacks/` (the conformance suite's) are read with it too.
 */
export function readStackFile(root: string, file: string): StackConfig {
  let document: unknown;
  try {
    document = parse(readFileSync(join(root, file), "utf8"));
  } catch (error) {
    throw new UserInputError(`${file}: not valid YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
  }
  const config = (document as { config?: unknown } | null)?.config ?? {};
  if (typeof config !== "object" || config === null || Array.isArray(config)) {
    throw new UserInputError(`${file}: "config" must be a map of keys to values`);
  }
  const values: Record<string, string> = {};
  const secretKeys: string[] = [];
  const secretFingerprints: Record<string, string> = {};
  for (const [rawKey, value] of Object.entries(config)) {
    const key = rawKey.includes(":") ? rawKey : `${projectName}:${rawKey}`;
    if (isSecure(value)) {
      values[key] = secretPlaceholder;
      secretKeys.push(key);
      secretFingerprints[key] = createHash("sha256").update(`stratum-secure-config\0${String((value as { secure: unknown }).secure)}`).digest("hex").slice(0, 16);
    } else {
      values[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
  return { values, secretKeys, ...(secretKeys.length > 0 ? { secretFingerprints } : {}) };
}

function isSecure(value: unknown): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1 && "secure" in value;
}

/** A stack's validated, resolved platform spec (a SpecError, exit 2, names every problem). */
export function loadStackSpec(root: string, stack: string): PlatformSpec {
  return specFromConfig(readStackConfig(root, stack).values, stack);
}
