import { ExitCode } from "./exit-codes.ts";

/** A brand shared by every copy of this module (a program loaded from another folder brings its own copy). */
const brand = Symbol.for("stratum.user-input-error");

/**
 * Bad input from a user: flags, config, a file or an API answer. The CLI prints each problem on its own line
 * (no stack trace) and exits 2. Every problem should name the key, flag or file, the value and what was expected.
 */
export class UserInputError extends Error {
  readonly [brand] = true;
  readonly problems: readonly string[];
  readonly exitCode: ExitCode = ExitCode.badInput;

  constructor(problems: string | readonly string[], summary?: string) {
    const list = typeof problems === "string" ? [problems] : [...problems];
    super(summary ?? list.join("\n"));
    this.name = "UserInputError";
    this.problems = list;
  }
}

/** True for errors whose message is meant for the user as it stands. */
export function isUserInputError(error: unknown): error is UserInputError {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[brand] === true;
}
