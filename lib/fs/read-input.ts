import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { UserInputError } from "../cli/errors.ts";

/*
 * Every file a command is given goes through here, so a file that cannot be read or is not JSON is reported the
 * same way by every command: the flag or command that named it, the file, what went wrong and what was expected.
 */

/** Why a read failed, in words a user acts on. */
function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "is a directory";
  return code ?? (error instanceof Error ? error.message : String(error));
}

/** `what` names where the file came from (`--outputs`, `comment`); it prefixes the message. */
function cannotRead(what: string, file: string, error: unknown): UserInputError {
  return new UserInputError(`${what} ${file}: cannot read (${reason(error)})`);
}

/** Reads a text file named on the command line, relative to the command's cwd. */
export async function readInputFile(cwd: string, file: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, file), "utf8");
  } catch (error) {
    throw cannotRead(what, file, error);
  }
}

/** The same, synchronously, for code paths that are synchronous (policy check, waivers). */
export function readInputFileSync(cwd: string, file: string, what: string): string {
  try {
    return readFileSync(resolve(cwd, file), "utf8");
  } catch (error) {
    throw cannotRead(what, file, error);
  }
}

/**
 * Parses JSON text from `file`; text that is not JSON is bad input naming the file and `expected` (what the
 * file should have been, e.g. "`pulumi stack ls --json` output"). A cut-off file is called truncated.
 */
export function parseJson(text: string, file: string, expected: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem = /end of (JSON )?input|Unterminated/i.test(message) ? "truncated JSON" : "not JSON";
    throw new UserInputError(`${file}: ${problem} (${message}); expected ${expected}`);
  }
}

/** A JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
