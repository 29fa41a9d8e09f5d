import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UserInputError } from "../cli/errors.ts";

/** Reads a file named on the command line (relative to the command's cwd), naming it when it cannot be read. */
export async function readInputFile(cwd: string, file: string, flag: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    throw new UserInputError(`${flag} ${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}

/** Parses a positive integer flag, e.g. `--pr 12`. */
export function positiveInteger(flag: string, value: string | undefined): number {
  const number = Number(value);
  if (value === undefined || !Number.isInteger(number) || number <= 0) throw new UserInputError(`${flag}: got "${value ?? ""}", expected a positive integer`);
  return number;
}
