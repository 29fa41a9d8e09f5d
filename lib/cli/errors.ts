import { ExitCode } from "./exit-codes.ts";

/**
 * Bad input from a user: flags, config, a file or an API answer. The CLI prints each problem on its own line
 * (no stack trace) and exits 2. Every problem should name the key, flag or file, the value and what was expected.
 */
export class UserInputError extends Error {
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
  return error instanceof UserInputError;
}
