import { beforeAll, describe, expect, it } from "vitest";
import { loadProgram } from "../../lib/plan/load-program.ts";
import { planStack, prepareStack } from "../../lib/plan/plan-stack.ts";
import type { Workflow } from "../../workflows/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { identityVariable, registryHostVariable, registryUrlsVariable } from "../../workflows/variables.ts";
import { repoRoot } from "./fixture.ts";

/**
 * Every stack output a generated workflow reads (`pulumi stack output NAME`), references in a step's cloudAccess,
 * or reads through a repository variable that `stratum bootstrap github` sets from an output, is exported by the
 * platform for the example stacks: a workflow never waits for a value no stack has.
 */
const platform = workflowPlatform(loadStackSpecs(repoRoot));
const exported = new Map<string, Set<string>>();

beforeAll(async () => {
  const program = await loadProgram(repoRoot);
  for (const stack of platform.stacks) exported.set(stack.name, new Set(Object.keys((await planStack(prepareStack(repoRoot, stack.name), program)).outputs)));
});

/** Output → where a workflow uses it, for the jobs of one stack (review.yml has its own owner and test). */
function outputsUsed(all: readonly Workflow[], stack: string): Map<string, string[]> {
  const fromVariables: Record<string, string> = {
    [identityVariable(stack, "deploy")]: "deployIdentity",
    [identityVariable(stack, "preview")]: "previewIdentity",
    [identityVariable(stack, "publish")]: "publishIdentity",
    [registryHostVariable(stack)]: "registryHost",
    [registryUrlsVariable(stack)]: "registryUrls",
  };
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

describe("stack outputs the workflows use", () => {
  const all = workflows(platform);

  it("are found: the deploy reads and references outputs for both example stacks", () => {
    for (const stack of ["dev-aws", "prod-aws"]) {
      const used = [...outputsUsed(all, stack).keys()];
      expect(used, stack).toEqual(expect.arrayContaining(["images", "registryHost", "registryUrls", "frontendBucket", "frontendCdnId", "clusterName", "publishIdentity"]));
    }
    expect([...outputsUsed(all, "prod-aws").keys()]).toContain("modelEndpoints");
  });

  it.each(["dev-aws", "prod-aws"])("are all exported by the platform for %s (its plan's outputs)", (stack) => {
    const missing = [...outputsUsed(all, stack)].filter(([output]) => !exported.get(stack)!.has(output)).map(([output, where]) => `${output}: used by ${[...new Set(where)].join(", ")}`);
    expect(missing).toEqual([]);
  });
});
