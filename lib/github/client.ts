import { Octokit } from "@octokit/rest";
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import type { CommandIo } from "../cli/command.ts";
import { UserInputError } from "../cli/errors.ts";
import { checkAnswer, endpointOf } from "./answer-shapes.ts";
import { GithubAnswerTooLarge, boundedFetch } from "./bounded-fetch.ts";
import { githubTimeouts, GithubTimeoutError, startDeadline } from "./timeouts.ts";

/**
 * Registered before the retry and throttling plugins, so its hooks sit closest to the request: an answer that is
 * not the documented JSON, and a request that ran out of time, fail there and are not retried.
 */
const answerChecks: Parameters<typeof Octokit.plugin>[number] = (octokit) => {
  octokit.hook.error("request", (error) => {
    const cause = (error as { cause?: unknown }).cause;
    throw cause instanceof GithubTimeoutError || cause instanceof GithubAnswerTooLarge ? cause : error;
  });
  octokit.hook.wrap("request", async (request, options) => {
    const response = await request(options);
    const endpoint = endpointOf(options.method, options.url) ?? `${options.method} ${options.url}`;
    checkAnswer(endpoint, response.status, response.headers, response.data);
    return response;
  });
};

const GithubOctokit = Octokit.plugin(answerChecks, retry, throttling);
export type GithubClient = InstanceType<typeof GithubOctokit>;

/** How many times a rate-limited request is retried before the error reaches the user. */
const rateLimitRetries = 2;
/** A primary limit can reset an hour away; a CI job should fail and say so rather than sleep that long. */
const maxRateLimitWaitSeconds = 300;

/**
 * The Octokit every stratum GitHub command uses: token from GITHUB_TOKEN, API base URL from GITHUB_API_URL (set by
 * GitHub Actions, and pointing at /api/v3 on GitHub Enterprise Server), retries for 5xx (plugin-retry) and for
 * primary and secondary rate limits (plugin-throttling, honouring `retry-after`), a timeout on every request, a
 * deadline on all of them and a cap on each answer's size (bounded-fetch.ts), and a check of every answer against
 * its endpoint (answer-shapes.ts).
 */
export function createGithubClient(io: CommandIo): GithubClient {
  const token = io.env.GITHUB_TOKEN;
  if (!token) {
    throw new UserInputError("GITHUB_TOKEN is not set: stratum needs a token to call the GitHub API (in Actions: `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}`)");
  }
  const timeouts = githubTimeouts(io.env);
  const deadline = startDeadline(timeouts.deadlineMs);
  const warn = (message: string) => io.stderr(`github: ${message}\n`);
  // A wait for a rate limit is only worth it if the request can still finish before the deadline.
  const fits = (retryAfter: number) => retryAfter <= maxRateLimitWaitSeconds && retryAfter * 1000 < deadline.remainingMs();
  return new GithubOctokit({
    auth: token,
    baseUrl: (io.env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    userAgent: "stratum",
    request: { fetch: boundedFetch(timeouts, deadline) },
    // Failed requests are explained by errors.ts; the request log's own error lines would only repeat them.
    log: { debug: () => {}, info: () => {}, warn, error: () => {} },
    retry: { retries: 3 },
    throttle: {
      onRateLimit: (retryAfter, options, _octokit, retryCount) => {
        const retry = retryCount < rateLimitRetries && fits(retryAfter);
        warn(`rate limit on ${options.method} ${options.url}; ${retry ? `retrying in ${retryAfter}s` : `it resets in ${retryAfter}s, not waiting`}`);
        return retry;
      },
      onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
        const retry = retryCount < rateLimitRetries && fits(retryAfter);
        warn(`secondary rate limit on ${options.method} ${options.url}; ${retry ? `retrying in ${retryAfter}s` : `it asks for ${retryAfter}s, past the deadline; not waiting`}`);
        return retry;
      },
      ...unpacedGroups(io.env.STRATUM_GITHUB_PACING === "none"),
    },
  });
}

/**
 * The throttling plugin spaces writes 1 s apart (3 s for ones that notify people), as GitHub asks of integrations.
 * `STRATUM_GITHUB_PACING=none` lifts that for local test servers; retries and `retry-after` still apply.
 */
function unpacedGroups(enabled: boolean) {
  if (!enabled) return {};
  // Duck-typed Bottleneck.Group: the plugin only calls `.key(id).schedule(options, fn, ...args)`.
  const immediate = {
    key: () => ({ schedule: (_options: unknown, fn: (...args: unknown[]) => unknown, ...args: unknown[]) => Promise.resolve(fn(...args)) }),
  };
  return { write: immediate as never, notifications: immediate as never, search: immediate as never };
}
