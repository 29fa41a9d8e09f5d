import { UserInputError } from "../cli/errors.ts";
import { GithubTimeoutError, seconds, timeoutVariables, type Deadline, type GithubTimeouts } from "./timeouts.ts";

/*
 * The fetch every GitHub call goes through: bounded in time (timeouts.ts) and in size, so neither a hung API nor
 * an endless answer can hold a command.
 */

/**
 * The largest answer read: a page of 100 comments at GitHub's 65,536-character limit is about 7 MB, so an answer
 * past 32 MiB is not one stratum asked for, and is refused before it fills memory.
 */
export const maxAnswerBytes = 32 * 1024 * 1024;

/**
 * A fetch for Octokit that caps each answer at `maxAnswerBytes`, gives each request `requestMs` and the whole command its deadline, and reads the whole
 * body under the same clock: fetch resolves when the headers arrive, so without this a body that stalls would hang
 * where Octokit reads it (and Octokit would take the cut-off text for an empty answer).
 */
export function boundedFetch(timeouts: GithubTimeouts, deadline: Deadline, base: typeof fetch = globalThis.fetch): typeof fetch {
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
