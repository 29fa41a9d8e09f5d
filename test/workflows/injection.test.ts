import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isUserInputError } from "../../lib/cli/errors.ts";
import type { Workflow } from "../../workflows/model.ts";
import { renderWorkflow } from "../../workflows/render.ts";
import { hasShellcheck, shellcheckFindings, shellcheckMissing, type Script } from "../support/shellcheck.ts";
import { canaryMark, canaryWorkflows } from "./canary.ts";
import { committedWorkflows, fixtureWorkflows } from "./fixture.ts";

/**
 * Nothing from a spec reaches a shell line: workflows generated from canary spec values (every stack, workload,
 * path, name and the repository containing "zq") and from the fixture stacks, and this repository's own, are
 * checked for `${{ }}` outside a fixed allow-list of contexts, for spec values in `run:` scripts, and with
 * shellcheck.
 */

interface StepDoc {
  name: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, unknown>;
}
interface WorkflowDoc {
  jobs: Record<string, { env?: Record<string, unknown>; steps: StepDoc[] }>;
}

const canary = [...canaryWorkflows()].map(([path, text]) => ({ path: `canary: ${path}`, text }));
const all = [
  ...canary,
  ...[...fixtureWorkflows()].map(([path, text]) => ({ path: `fixtures: ${path}`, text })),
  ...[...committedWorkflows()].map(([path, text]) => ({ path: `repository: ${path}`, text })),
];
const steps = (files: readonly { path: string; text: string }[]) =>
  files.flatMap(({ path, text }) => Object.entries((parse(text) as WorkflowDoc).jobs).flatMap(([id, job]) => job.steps.map((step) => ({ label: `${path}#${id}/${step.name}`, step, job }))));

/**
 * The contexts an expression may read, written here independently of workflows/expressions.ts: values no
 * pull request, issue, branch name or spec can shape.
 */
const allowedContexts = [
  /^github\.(token|sha|actor|ref|repository|run_id|server_url)$/,
  /^github\.event\.pull_request\.number$/,
  /^github\.event\.pull_request\.base\.sha$/,
  /^github\.event\.workflow_run\.id$/,
  /^runner\.temp$/,
  /^(vars|secrets)\.[A-Z][A-Z0-9_]*$/,
  /^(steps|needs)\.[a-z][a-z0-9-]*\.outputs\.[a-z][a-z0-9-]*$/,
  /^needs\.\*\.result$/,
  /^needs\.changes\.outputs\.changes$/,
];
const allowedFunctions = new Set(["cancelled", "contains", "fromJSON"]);

/** What is wrong with one `${{ }}` expression: contexts or functions off the allow-list. */
function expressionProblems(expression: string): string[] {
  const code = expression.replace(/'(?:[^']|'')*'/g, "''");
  const problems: string[] = [];
  for (const m of code.matchAll(/([A-Za-z_][\w-]*)\s*\(/g)) if (!allowedFunctions.has(m[1]!)) problems.push(`function ${m[1]}()`);
  for (const m of code.replace(/([A-Za-z_][\w-]*)\s*\(/g, "(").matchAll(/[A-Za-z_][\w-]*(?:\.(?:\*|[A-Za-z_][\w-]*))*/g)) {
    if (!allowedContexts.some((p) => p.test(m[0]))) problems.push(`context ${m[0]}`);
  }
  return problems;
}

function expressionsOf(value: unknown): string[] {
  return [...JSON.stringify(value ?? null).matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => m[1]!.trim());
}

describe("generated workflows and hostile spec values", () => {
  it("no run: script contains ${{ }} at all", () => {
    for (const { label, step } of steps(all)) if (step.run !== undefined) expect(step.run, label).not.toContain("${{");
  });

  it("every ${{ }} in with: and env: (and anywhere in the file) reads only the allow-listed contexts", () => {
    let count = 0;
    for (const { label, step, job } of steps(all)) {
      for (const e of [...expressionsOf(step.with), ...expressionsOf(step.env), ...expressionsOf(job.env)]) {
        expect(expressionProblems(e), `${label}: \${{ ${e} }}`).toEqual([]);
        count++;
      }
    }
    for (const { path, text } of all) for (const e of expressionsOf(text)) expect(expressionProblems(e), `${path}: \${{ ${e} }}`).toEqual([]);
    expect(count).toBeGreaterThan(100);
  });

  it("the allow-list check itself refuses what an attacker controls", () => {
    for (const e of ["github.event.pull_request.title", "github.head_ref", "github.event.issue.body", "inputs.stack", "toJSON(github)", "format('{0}', github.event.comment.body)", "env.STACK"]) {
      expect(expressionProblems(e), e).not.toEqual([]);
    }
  });

  it("no spec value (any canary) is written into a run: script; each reaches it through env:", () => {
    const found = steps(canary)
      .filter(({ step }) => step.run !== undefined && step.run.toLowerCase().includes(canaryMark))
      .map(({ label }) => label);
    expect(found).toEqual([]);
    // The canaries do reach the workflows: job names, with: inputs, path filters and env: values.
    const text = canary.map((f) => f.text).join("\n");
    for (const value of ["zq-dev", "zq-prod", "zq9-gcp-x", "zqaz", "zqapi", "zq_src/api.v2", "zq-src/Orders_1", "zq_front/site.v1/www"]) expect(text).toContain(value);
    const env = steps(canary).flatMap(({ step, job }) => [...Object.values(step.env ?? {}), ...Object.values(job.env ?? {})]).map(String);
    expect(env).toContain("zq-dev");
  });

  it("shellcheck finds nothing in any run: block of every generated workflow and of this repository's own", () => {
    if (!hasShellcheck()) expect.fail(shellcheckMissing);
    const scripts: Script[] = steps(all).flatMap(({ label, step }) => (step.run === undefined ? [] : [{ label, text: step.run }]));
    expect(scripts.length).toBeGreaterThan(150);
    expect(shellcheckFindings(scripts)).toEqual([]);
  });

  it("the shellcheck check reports what it should (an unquoted variable, an injected expression)", () => {
    if (!hasShellcheck()) expect.fail(shellcheckMissing);
    const findings = shellcheckFindings([
      { label: "unquoted", text: 'echo $STACK\npulumi up --stack "$STACK"' },
      { label: "expression", text: "echo ${{ github.event.pull_request.title }}" },
      { label: "clean", text: 'echo "$STACK"' },
    ]);
    expect(findings.some((f) => f.startsWith("unquoted: line 1: SC2086"))).toBe(true);
    expect(findings.some((f) => f.startsWith("expression: line 1: SC2086"))).toBe(true);
    expect(findings.filter((f) => f.startsWith("clean"))).toEqual([]);
  });
});

describe("the renderer refuses", () => {
  const workflow = (step: Workflow["jobs"][string]["steps"][number]): Workflow => ({
    fileName: "x.yml",
    source: "workflows/x.ts",
    name: "X",
    on: { push: { branches: ["main"] } },
    jobs: { job: { name: "Job", permissions: {}, timeoutMinutes: 5, steps: [step] } },
  });
  const refusal = (w: Workflow): string[] => {
    try {
      renderWorkflow(w);
      return [];
    } catch (error) {
      if (!isUserInputError(error)) throw error;
      return [...error.problems];
    }
  };

  it("${{ }} in a run: script, even an allow-listed one", () => {
    for (const run of ["echo ${{ github.event.pull_request.title }}", "echo ${{ github.sha }}", "pulumi up --stack ${{ vars.STACK }}"]) {
      const problems = refusal(workflow({ name: "Step", run }));
      expect(problems, run).toHaveLength(1);
      expect(problems[0]).toContain("x.yml: jobs.job.steps[0].run: a run: script contains ${{ }}");
    }
  });

  it("expressions off the allow-list in with:, env:, if: and names, and an unterminated ${{", () => {
    const hostile = ["${{ github.event.pull_request.title }}", "${{ github.head_ref }}", "x ${{ inputs.path }}", "${{ toJSON(github.event) }}", "${{ github.event.pull_request.number"];
    for (const value of hostile) {
      expect(refusal(workflow({ name: "Step", run: "true", env: { VALUE: value } })), value).not.toEqual([]);
      expect(refusal(workflow({ name: value, run: "true" })), value).not.toEqual([]);
    }
    expect(refusal(workflow({ name: "Step", run: 'echo "$VALUE"', env: { VALUE: "${{ github.event.pull_request.number }}", TOKEN: "${{ github.token }}" } }))).toEqual([]);
  });
});
