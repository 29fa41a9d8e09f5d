import { UserInputError } from "../cli/errors.ts";
import { repositoryName, type RepositoryRef } from "./repository.ts";
import { GithubAnswerError } from "./answer-shapes.ts";
import { GithubAnswerTooLarge } from "./bounded-fetch.ts";
import { GithubTimeoutError } from "./timeouts.ts";

/** One GitHub API call as the user should hear about it when it fails. */
export interface CallContext {
  /** What stratum tried, e.g. "list comments on pull request #12". */
  readonly action: string;
  /** The fine-grained token permission the call needs, e.g. "pull-requests: write". */
  readonly permission: string;
}

interface HttpError {
  readonly status: number;
  readonly message: string;
  readonly response?: { readonly headers?: Record<string, string | undefined> };
}

function isHttpError(error: unknown): error is HttpError {
  return typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number";
}

/**
 * Turns a failed GitHub call into bad input (exit 2) saying what was tried, on which repository and which token
 * permission is probably missing. Rate limits and 5xx have already been retried by the client's plugins, so one
 * reaching here is reported as such. Anything that is not an HTTP error is a bug and passes through.
 */
export function explainGithubError(error: unknown, ref: RepositoryRef, call: CallContext): unknown {
  // Out of time, or an answer that is not the documented JSON: already bad input naming the endpoint; say what for.
  if (error instanceof GithubTimeoutError || error instanceof GithubAnswerError || error instanceof GithubAnswerTooLarge) {
    return new UserInputError(`${error.message} (while trying to ${call.action} in ${repositoryName(ref)})`);
  }
  if (!isHttpError(error)) return error;
  const where = `${call.action} in ${repositoryName(ref)}`;
  // Octokit appends " - <documentation_url>" to GitHub's message; the link adds nothing here.
  const detail = (error.message.split("\n")[0] ?? "").replace(/ - https?:\/\/\S+$/, "");
  switch (true) {
    case error.status === 401:
      return new UserInputError(
        `GitHub rejected the token (401 ${detail}) while trying to ${where}: GITHUB_TOKEN is missing, expired or revoked; it needs ${call.permission}`,
      );
    case (error.status === 403 || error.status === 429) && isRateLimit(error):
      return new UserInputError(`GitHub rate limit still exceeded after retries while trying to ${where} (${error.status} ${detail}); try again later`);
    case error.status === 403:
      return new UserInputError(
        `GitHub refused to ${where} (403 ${detail}): the token probably lacks the "${call.permission}" permission on ${repositoryName(ref)}`,
      );
    case error.status === 404:
      return new UserInputError(
        `GitHub answered 404 while trying to ${where}: the repository ${repositoryName(ref)} does not exist or the token cannot see it ` +
          `(GitHub hides what a token may not read); check GITHUB_REPOSITORY/--repo and that the token has "${call.permission}"`,
      );
    case error.status === 422:
      return new UserInputError(`GitHub rejected the request to ${where} (422 ${detail})`);
    default:
      return new UserInputError(`GitHub failed to ${where} (${error.status} ${detail}) after retries`);
  }
}

function isRateLimit(error: HttpError): boolean {
  return /rate limit/i.test(error.message) || error.response?.headers?.["x-ratelimit-remaining"] === "0";
}

/** Runs one GitHub call, explaining its failure per `explainGithubError`. */
export async function githubCall<T>(ref: RepositoryRef, call: CallContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw explainGithubError(error, ref, call);
  }
}
