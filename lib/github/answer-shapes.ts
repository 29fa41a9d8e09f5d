import { z } from "zod";
import { UserInputError } from "../cli/errors.ts";

/**
 * What each GitHub endpoint stratum calls must answer, as far as stratum reads it: a list or an object, and the
 * fields it uses with their types (other fields pass). An answer that is not JSON (an HTML error page from a
 * proxy, a cut-off or malformed body) or is JSON of another shape (an object where a list is documented) is bad
 * input naming the endpoint, never a crash further on and never an empty result.
 * The shapes follow GitHub's REST description (@octokit/openapi); the tests' fake server checks the same.
 */
const object = z.looseObject({});
const id = z.looseObject({ id: z.number() });
const comment = z.looseObject({ id: z.number(), html_url: z.string(), body: z.string().nullish() });
const issue = z.looseObject({ number: z.number(), body: z.string().nullish() });

export const answerShapes: Readonly<Record<string, z.ZodType>> = {
  "GET /repos/{owner}/{repo}": object,
  "GET /users/{username}": id,
  "GET /orgs/{org}/teams/{team_slug}": id,
  "GET /repos/{owner}/{repo}/environments/{environment_name}": z.looseObject({ protection_rules: z.array(object).nullish(), deployment_branch_policy: object.nullish() }),
  "PUT /repos/{owner}/{repo}/environments/{environment_name}": object,
  "GET /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies": z.looseObject({
    branch_policies: z.array(z.looseObject({ name: z.string().optional(), type: z.string().optional() })),
  }),
  "POST /repos/{owner}/{repo}/environments/{environment_name}/deployment-branch-policies": object,
  "GET /repos/{owner}/{repo}/rulesets": z.array(z.looseObject({ id: z.number(), name: z.string() })),
  "POST /repos/{owner}/{repo}/rulesets": object,
  "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}": z.looseObject({ enforcement: z.string(), rules: z.array(z.looseObject({ type: z.string() })).optional() }),
  "PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}": object,
  "GET /repos/{owner}/{repo}/actions/variables/{name}": z.looseObject({ name: z.string(), value: z.string() }),
  "POST /repos/{owner}/{repo}/actions/variables": object,
  "PATCH /repos/{owner}/{repo}/actions/variables/{name}": z.unknown(),
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": z.looseObject({
    state: z.string(),
    merged: z.boolean().nullish(),
    head: z.looseObject({ sha: z.string(), repo: z.looseObject({ full_name: z.string() }).nullable() }).optional(),
  }),
  "GET /repos/{owner}/{repo}/issues": z.array(issue),
  "POST /repos/{owner}/{repo}/issues": issue,
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": issue,
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": z.array(comment),
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": comment,
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": comment,
  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": z.unknown(),
};

/** A GitHub answer that is not what its endpoint documents. */
export class GithubAnswerError extends UserInputError {
  constructor(message: string) {
    super(message);
    this.name = "GithubAnswerError";
  }
}

const templates = Object.keys(answerShapes).map((key) => {
  const [method, template] = key.split(" ") as [string, string];
  const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
  return { key, method, template, pattern };
});

/**
 * The endpoint a request is for, as `METHOD /template`: Octokit's options carry the template, except for the
 * later pages of a paginated list, which follow GitHub's `link` URLs (`/repositories/<id>/…`).
 */
export function endpointOf(method: string, url: string): string | undefined {
  if (answerShapes[`${method} ${url}`]) return `${method} ${url}`;
  const path = new URL(url, "http://github.invalid").pathname.replace(/^\/api\/v3(?=\/)/, "").replace(/^\/repositories\/\d+(?=\/|$)/, "/repos/{owner}/{repo}");
  return templates.find((t) => t.method === method && t.pattern.test(path.replace(/^\/repos\/\{owner\}\/\{repo\}/, "/repos/x/y")))?.key;
}

/** Checks one successful answer; throws GithubAnswerError naming the endpoint when it is not the documented JSON. */
export function checkAnswer(endpoint: string, status: number, headers: Readonly<Record<string, string | number | undefined>>, data: unknown): void {
  const shape = answerShapes[endpoint];
  if (!shape) throw new Error(`no answer shape for ${endpoint}: add it to lib/github/answer-shapes.ts`);
  if (status === 204 || status === 205) return;
  const type = String(headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const isJson = type === "application/json" || type.endsWith("+json");
  if (typeof data === "string" || data instanceof ArrayBuffer || !isJson) {
    const sample = typeof data === "string" ? `: ${JSON.stringify(data.length > 60 ? `${data.slice(0, 60)}…` : data)}` : "";
    // Octokit hands over the text when JSON does not parse, and a bare JSON string as a string: either way no object or list.
    const what = !isJson ? `${type || "no content type"}` : "malformed JSON or a bare string, not an object or list";
    throw new GithubAnswerError(`GitHub answered ${endpoint} (${status}) with ${what}, not the JSON the endpoint documents${sample}`);
  }
  const parsed = shape.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const at = issue.path.length ? ` at ${issue.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("")}` : "";
    const expected = issue.path.length === 0 ? (shape instanceof z.ZodArray ? "a list" : "an object") : issue.message.replace(/^Invalid input: /, "");
    const got = Array.isArray(data) ? "a list" : data === null ? "null" : typeof data === "object" ? "an object" : `a ${typeof data}`;
    throw new GithubAnswerError(
      `GitHub answered ${endpoint} (${status}) with JSON that is not what the endpoint documents${at}: ${issue.path.length === 0 ? `expected ${expected}, got ${got}` : expected}`,
    );
  }
}
