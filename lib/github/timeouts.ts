import { UserInputError } from "../cli/errors.ts";

/**
 * Time limits on GitHub calls, so a hung API or an answer that stops half-way ends the command with exit 2 and a
 * message instead of a wait without end. Two limits: each request (headers and whole body) and all of one
 * command's GitHub calls together, retries and rate-limit waits included.
 */
export interface GithubTimeouts {
  /** One request, from sending it to the last byte of the answer. */
  readonly requestMs: number;
  /** All of a command's GitHub calls, from the first. */
  readonly deadlineMs: number;
}

export const defaultTimeouts: GithubTimeouts = { requestMs: 30_000, deadlineMs: 600_000 };

/** The variables that set them, in seconds (fractions allowed, so tests can use 0.2). */
export const timeoutVariables = { requestMs: "STRATUM_GITHUB_TIMEOUT", deadlineMs: "STRATUM_GITHUB_DEADLINE" } as const;

/** The limits from the environment; a value that is not a positive number of seconds is bad input naming the variable. */
export function githubTimeouts(env: Readonly<Record<string, string | undefined>>): GithubTimeouts {
  const read = (key: keyof GithubTimeouts): number => {
    const name = timeoutVariables[key];
    const text = env[name];
    if (text === undefined || text === "") return defaultTimeouts[key];
    const value = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(value) || value <= 0 || value > 86_400) {
      throw new UserInputError(`${name}: got ${JSON.stringify(text.slice(0, 40))}, expected a number of seconds greater than 0 and at most 86400 (default ${defaultTimeouts[key] / 1000})`);
    }
    return Math.round(value * 1000);
  };
  return { requestMs: read("requestMs"), deadlineMs: read("deadlineMs") };
}

/** A GitHub call that ran out of time: bad input from the API's side (exit 2), never retried, never a pass. */
export class GithubTimeoutError extends UserInputError {
  constructor(message: string) {
    super(message);
    this.name = "GithubTimeoutError";
  }
}

/** The command's deadline: a signal that aborts at it, and how much time is left. */
export interface Deadline {
  readonly signal: AbortSignal;
  readonly remainingMs: () => number;
  readonly totalMs: number;
}

export function startDeadline(totalMs: number, now: () => number = Date.now): Deadline {
  const end = now() + totalMs;
  // AbortSignal.timeout's timer does not keep the process alive once the command is done.
  return { signal: AbortSignal.timeout(totalMs), remainingMs: () => Math.max(0, end - now()), totalMs };
}

/** `1.5s`, `30s`: a limit as the messages name it. */
export const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))}s`;
