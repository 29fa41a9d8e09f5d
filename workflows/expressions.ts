import { UserInputError } from "../lib/cli/errors.ts";
import type { Workflow } from "./model.ts";

/**
 * The only `${{ }}` expressions a generated workflow may contain, outside `run:` (which may contain none: a
 * script gets values through `env:`). Each names a context no pull request, issue or spec value can shape:
 * tokens, the commit, the pull request's number, repository variables and secrets by fixed names, and outputs
 * of the workflow's own steps and jobs. Everything an attacker writes (titles, bodies, branch names, commit
 * messages: `github.event.*` beyond the number, `github.head_ref`, `inputs.*`) is absent by construction.
 */
/** `contains(fromJSON(needs.changes.outputs.changes), '<workload>')`, the changes job's filter for one workload. */
const changedName = String.raw`contains\(fromJSON\(needs\.changes\.outputs\.changes\), '[a-z][a-z0-9-]*'\)`;

export const allowedExpressions: readonly RegExp[] = [
  /^github\.(token|sha|actor|ref|repository|run_id|server_url)$/,
  /^github\.event\.pull_request\.number$/,
  /^github\.event\.pull_request\.number \|\| github\.ref$/,
  // Set by GitHub, never by the pull request's author: the base commit's SHA, the triggering run's id.
  /^github\.event\.pull_request\.base\.sha$/,
  /^github\.event\.workflow_run\.id$/,
  /^runner\.temp$/,
  /^vars\.[A-Z][A-Z0-9_]*$/,
  /^secrets\.[A-Z][A-Z0-9_]*$/,
  /^steps\.[a-z][a-z0-9-]*\.outputs\.[a-z][a-z0-9-]*$/,
  /^needs\.[a-z][a-z0-9-]*\.outputs\.[a-z][a-z0-9-]*$/,
  /^!cancelled\(\) && !contains\(needs\.\*\.result, 'failure'\)$/,
  // The same guard for a job that runs when any of its workloads changed (publish): the names are DNS labels.
  new RegExp(`^!cancelled\\(\\) && !contains\\(needs\\.\\*\\.result, 'failure'\\) && \\(${changedName}( \\|\\| ${changedName})*\\)$`),
];

/** Every `${{ ... }}` in a string, as the text between the braces, trimmed. */
export function expressionsIn(text: string): string[] {
  return [...text.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => (m[1] ?? "").trim());
}

export function isAllowedExpression(expression: string): boolean {
  return allowedExpressions.some((pattern) => pattern.test(expression));
}

/**
 * The problems with a workflow's expressions: any `${{` in a `run:` script, and any expression elsewhere that
 * is not on the allow-list. Each names the file and the key path.
 */
export function expressionProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === "string") {
      if (path.endsWith(".run") && value.includes("${{")) problems.push(`${workflow.fileName}: ${path}: a run: script contains \${{ }}; pass the value through env: and quote it`);
      else for (const e of expressionsIn(value)) if (!isAllowedExpression(e)) problems.push(`${workflow.fileName}: ${path}: \${{ ${e} }} is not an allowed expression (see workflows/expressions.ts)`);
      // An unterminated `${{` would be read by GitHub up to the next `}}` wherever that is.
      if (value.split("${{").length - 1 !== expressionsIn(value).length) problems.push(`${workflow.fileName}: ${path}: an unterminated \${{`);
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
    else if (typeof value === "object" && value !== null) for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
  };
  visit(workflow, "");
  return problems;
}

/** Refuses to render a workflow whose expressions break the rules above (exit 2: nothing is written). */
export function checkExpressions(workflow: Workflow): void {
  const problems = expressionProblems(workflow);
  if (problems.length > 0) throw new UserInputError(problems);
}
