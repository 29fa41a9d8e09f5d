import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { bootstrapReadOutputs } from "../../lib/github/bootstrap-config.ts";
import { loadProgram } from "../../lib/plan/load-program.ts";
import { planStack, prepareStack } from "../../lib/plan/plan-stack.ts";
import type { Workflow } from "../../workflows/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { cloudWideOutputVariables, stackOutputVariables } from "../../workflows/variables.ts";
import { repoRoot } from "./fixture.ts";

/**
 * Every stack output a generated workflow reads (`pulumi stack output NAME`), references in a step's cloudAccess,
 * or reads through a repository variable that `stratum bootstrap github` sets from an output (per stack, or the
 * cloud-wide ones its cloud's login takes), every output bootstrap itself reads, and every output the README's
 * commands read, is exported by the platform for the example stacks: nothing waits for a value no stack has.
 */
const platform = workflowPlatform(loadStackSpecs(repoRoot));
const exported = new Map<string, Set<string>>();

beforeAll(async () => {
  const program = await loadProgram(repoRoot);
  for (const stack of platform.stacks) exported.set(stack.name, new Set(Object.keys((await planStack(prepareStack(repoRoot, stack.name), program)).outputs)));
});

/** Output → where a workflow uses it, for the jobs of one stack (review.yml has its own owner and test). */
function outputsUsed(all: readonly Workflow[], stack: string): Map<string, string[]> {
  const cloud = platform.stacks.find((s) => s.name === stack)!.cloud;
  const fromVariables = Object.fromEntries([...stackOutputVariables(stack), ...cloudWideOutputVariables[cloud]].map((v) => [v.variable, v.output]));
  const used = new Map<string, string[]>();
  const add = (output: string, where: string) => used.set(output, [...(used.get(output) ?? []), where]);
  for (const w of all.filter((w) => w.fileName !== "review.yml")) {
    for (const [id, job] of Object.entries(w.jobs).filter(([id]) => id.endsWith(`-${stack}`))) {
      const text = JSON.stringify(job);
      for (const [variable, output] of Object.entries(fromVariables)) if (text.includes(`vars.${variable} `)) add(output, `${w.fileName}#${id} (vars.${variable})`);
      for (const step of job.steps) {
        const where = `${w.fileName}#${id}/${step.name}`;
        for (const m of (step.run ?? "").matchAll(/pulumi stack output ([A-Za-z]+)/g)) add(m[1]!, where);
        for (const access of step.cloudAccess ?? []) if (typeof access.resource === "object") add(access.resource.output, `${where} (${access.action})`);
      }
    }
  }
  return used;
}

/** Outputs the README's commands read: `pulumi stack output NAME`, and bootstrap's reads where it runs bootstrap. */
function readmeOutputs(stack: string): Map<string, string[]> {
  const readme = readFileSync(join(repoRoot, "README.md"), "utf8");
  const used = new Map<string, string[]>();
  for (const m of readme.matchAll(/pulumi stack output ([A-Za-z]+)/g)) used.set(m[1]!, ["README.md (pulumi stack output)"]);
  if (/bootstrap github --outputs/.test(readme)) {
    const { cloud, environment } = platform.stacks.find((s) => s.name === stack)!;
    for (const output of bootstrapReadOutputs(stack, cloud, environment)) used.set(output, [...(used.get(output) ?? []), "README.md (bootstrap github --outputs)"]);
  }
  return used;
}

const missingFrom = (stack: string, used: Map<string, string[]>) =>
  [...used].filter(([output]) => !exported.get(stack)!.has(output)).map(([output, where]) => `${output}: used by ${[...new Set(where)].join(", ")}`);

describe("stack outputs bootstrap and the README's commands read", () => {
  it.each(["dev-aws", "prod-aws"])("are all exported by the platform for %s, cloud-wide ones included", (stack) => {
    const { cloud, environment } = platform.stacks.find((s) => s.name === stack)!;
    expect(bootstrapReadOutputs(stack, cloud, environment)).toEqual(expect.arrayContaining(["cloud", "deployIdentity", "region", ...(environment === "dev" ? ["reviewIdentity"] : [])]));
    expect([...readmeOutputs(stack).keys()]).toEqual(expect.arrayContaining([...bootstrapReadOutputs(stack, cloud, environment)]));
    expect(missingFrom(stack, readmeOutputs(stack))).toEqual([]);
  });

  it("would name an output the platform does not export", () => {
    expect(missingFrom("dev-aws", new Map([["projectId", ["bootstrap (gcp)"]]]))).toEqual(["projectId: used by bootstrap (gcp)"]);
  });
});

describe("stack outputs the workflows use", () => {
  const all = workflows(platform);

  it("are found: the deploy reads and references outputs for both example stacks", () => {
    for (const stack of ["dev-aws", "prod-aws"]) {
      const used = [...outputsUsed(all, stack).keys()];
      expect(used, stack).toEqual(expect.arrayContaining(["images", "registryHost", "registryUrls", "frontendBucket", "frontendCdnId", "clusterName", "publishIdentity", "region"]));
    }
    expect([...outputsUsed(all, "prod-aws").keys()]).toContain("modelEndpoints");
  });

  it.each(["dev-aws", "prod-aws"])("are all exported by the platform for %s (its plan's outputs)", (stack) => {
    expect(missingFrom(stack, outputsUsed(all, stack))).toEqual([]);
  });
});
