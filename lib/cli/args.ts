import { parseArgs, type ParseArgsConfig } from "node:util";
import { UserInputError } from "./errors.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's flags with Node's own parser, strictly: an unknown flag or a missing value is bad input
 * (exit 2) naming the flag, never a silent default.
 */
export function parseFlags<const T extends Options>(command: string, argv: readonly string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserInputError(`${command}: ${message.replace(/\. To specify a positional argument.*$/s, "")}`);
  }
}

/** Checks that a flag's value is one of the allowed choices, naming both when it is not. */
export function oneOf<const C extends readonly string[]>(flag: string, value: string | undefined, choices: C, fallback: C[number]): C[number] {
  if (value === undefined) return fallback;
  if ((choices as readonly string[]).includes(value)) return value as C[number];
  throw new UserInputError(`${flag}: got "${value}", expected one of ${choices.join(", ")}`);
}

/** A positive integer flag, e.g. `--pr 12`. */
export function positiveInteger(flag: string, value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number <= 0) throw new UserInputError(`${flag}: got "${value ?? ""}", expected a positive integer`);
  return number;
}

/**
 * For commands that take one verb (`stratum bootstrap github`, `stratum review janitor`, `stratum drift report`):
 * the arguments after the verb, or undefined when `--help` was asked for (the usage is then printed). Any other
 * first word is bad input naming what was expected.
 */
export function argsAfterVerb(command: string, verb: string, argv: readonly string[], usage: string, stdout: (text: string) => void): readonly string[] | undefined {
  const [first, ...rest] = argv;
  if (first === "--help" || first === "-h") {
    stdout(`${usage}\n`);
    return undefined;
  }
  if (first !== verb) throw new UserInputError(`${command}: got "${first ?? ""}", expected "${verb}"; ${usage}`);
  return rest;
}
