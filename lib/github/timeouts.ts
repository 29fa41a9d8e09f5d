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

/**
 * The largest answer read: a page of 100 comments at GitHub's 65,536-character limit is about 7 MB, so an answer
 * past 32 MiB is not one stratum asked for, and is refused before it fills memory.
 */
export const maxAnswerBytes = 32 * 1024 * 1024;

/** The variables that set them, in seconds (fractions allowed, so tests can use 0.2). */
export const timeoutVariables = { requestMs: "STRATUM_GITHUB_TIMEOUT", deadlineMs: "STRATUM_GITHUB_DEADLINE" } as const;

/** The limits from the environment; a value that is not a positive number of seconds is bad input naming the variable. */
export function githubTimeouts(env: Readonly<Record<string, string | undefined>>): GithubTimeouts {
  const read = (key: keyof GithubTimeouts): number => {
    const name = timeoutVariables[key];
    const text = env[name];
    if (text === undefined || text === "") return defaultTimeouts[key];
    const seconds = Number(text);
    if (!/^\d+(\.\d+)?$/.test(text.trim()) || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86_400) {
      throw new UserInputError(`${name}: got ${JSON.stringify(text.slice(0, 40))}, expected a number of seconds greater than 0 and at most 86400 (default ${defaultTimeouts[key] / 1000})`);
    }
    return Math.round(seconds * 1000);
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

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))}s`;

/**
 * A fetch for Octokit that gives each request `requestMs` and the whole command its deadline, and reads the whole
 * body under the same clock: fetch resolves when the headers arrive, so without this a body that stalls would hang
 * where Octokit reads it (and Octokit would take the cut-off text for an empty answer).
 */
export function timedFetch(timeouts: GithubTimeouts, deadline: Deadline, base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const method = init?.method ?? "GET";
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const what = `${method} ${new URL(url).pathname}`;
    if (deadline.signal.aborted) throw deadlineError(what, deadline);
    const perRequest = AbortSignal.timeout(timeouts.requestMs);
    const signal = AbortSignal.any([perRequest, deadline.signal, ...(init?.signal ? [init.signal] : [])]);
    const timedOut = (stage: string) => {
      if (deadline.signal.aborted) return deadlineError(what, deadline);
      return new GithubTimeoutError(
        `GitHub did not answer ${what} within ${seconds(timeouts.requestMs)} (${stage}); the API is hung or unreachable. ` +
          `Set ${timeoutVariables.requestMs} (seconds) to wait longer`,
      );
    };
    let response: Response;
    try {
      response = await base(input, { ...init, signal });
    } catch (error) {
      if (signal.aborted) throw timedOut("no answer");
      throw error;
    }
    let body: Uint8Array<ArrayBuffer> | null;
    try {
      body = response.status === 204 || response.status === 205 || response.status === 304 ? null : await readCapped(response, what);
    } catch (error) {
      if (signal.aborted) throw timedOut(`answered ${response.status}, then the body stalled`);
      throw error;
    }
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}

/** The whole body; past `maxAnswerBytes` the read stops and the request is refused. */
async function readCapped(response: Response, what: string): Promise<Uint8Array<ArrayBuffer>> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxAnswerBytes) {
      await reader.cancel();
      throw new GithubAnswerTooLarge(`GitHub's answer to ${what} is larger than ${maxAnswerBytes / 1024 / 1024} MiB; no endpoint stratum calls answers that much`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/** An answer past `maxAnswerBytes`: bad input naming the request, not retried. */
export class GithubAnswerTooLarge extends UserInputError {
  constructor(message: string) {
    super(message);
    this.name = "GithubAnswerTooLarge";
  }
}

function deadlineError(what: string, deadline: Deadline): GithubTimeoutError {
  return new GithubTimeoutError(
    `the command's GitHub calls ran past their ${seconds(deadline.totalMs)} deadline (at ${what}); GitHub is slow or hung. ` +
      `Set ${timeoutVariables.deadlineMs} (seconds) to allow longer`,
  );
}
