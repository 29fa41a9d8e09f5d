import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { oidcVariables } from "../../lib/github/bootstrap-config.ts";
import type { Workflow } from "../../workflows/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { identityVariable, registryHostVariable, registryUrlsVariable } from "../../workflows/variables.ts";
import { repoRoot } from "./fixture.ts";
import { examplePlan } from "../support/example-plans.ts";

/**
 * Every stack output a generated workflow reads (`pulumi stack output NAME`), references in a step's cloudAccess,
 * or reads through a repository variable that `stratum bootstrap github` sets from an output, is exported by the
 * platform for the example stacks: a workflow never waits for a value no stack has.
 */
const platform = workflowPlatform(loadStackSpecs(repoRoot));
const exported = new Map<string, Set<string>>();
const outputValues = new Map<string, Record<string, unknown>>();

beforeAll(async () => {
  for (const stack of platform.stacks) {
    const { outputs } = await examplePlan(stack.name);
    exported.set(stack.name, new Set(Object.keys(outputs)));
    outputValues.set(stack.name, outputs);
  }
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

/**
 * The outputs `stratum bootstrap github` reads from a stack's `pulumi stack output --json`: `o.NAME` in the function
 * that reads them (`oidcVariables`), and its table of cloud-wide ids.
 */
function bootstrapReads(): { always: string[]; byCloud: Record<string, string[]> } {
  const files = readdirSync(path.join(repoRoot, "lib/github")).filter((f) => f.startsWith("bootstrap") && f.endsWith(".ts"));
  const all = files.map((f) => readFileSync(path.join(repoRoot, "lib/github", f), "utf8")).join("\n");
  const source = /export function oidcVariables\([\s\S]*?\n}\n/.exec(all)?.[0] ?? "";
  expect(source, "oidcVariables in lib/github/bootstrap*.ts").not.toBe("");
  const always = [...new Set([...source.matchAll(/\bo\.([A-Za-z]+)\b/g)].map((m) => m[1]!))].sort();
  const byCloud: Record<string, string[]> = {};
  for (const m of source.matchAll(/\["([A-Za-z]+)", repositoryVariables\.[A-Za-z]+(?:, "([a-z]+)")?\]/g)) (byCloud[m[2] ?? "any"] ??= []).push(m[1]!);
  return { always, byCloud };
}

/** Outputs the README and docs name as read: `pulumi stack output NAME`, "stack output `NAME`", and the first column of a "Stack outputs" table. */
function documentedReads(): Map<string, string> {
  const files = ["README.md", ...readdirSync(path.join(repoRoot, "docs")).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)];
  const reads = new Map<string, string>();
  for (const file of files) {
    const text = readFileSync(path.join(repoRoot, file), "utf8");
    for (const m of text.matchAll(/pulumi stack output ([A-Za-z]+)|stack outputs? `([A-Za-z]+)`/g)) reads.set(m[1] ?? m[2]!, file);
    for (const section of text.split(/^#+ /m).filter((s) => /^Stack outputs/i.test(s))) {
      for (const row of section.matchAll(/^\| ([^|]+) \|/gm)) for (const name of row[1]!.matchAll(/`([A-Za-z]+)`/g)) reads.set(name[1]!, `${file} (${section.split("\n")[0]})`);
    }
  }
  return reads;
}

describe("stack outputs bootstrap and the docs read", () => {
  it("bootstrap's reads are found: the identities, the registry, the cloud, its region and the environment", () => {
    const { always } = bootstrapReads();
    expect(always).toEqual(["cloud", "deployIdentity", "environment", "previewIdentity", "publishIdentity", "region", "registryHost", "registryUrls", "reviewIdentity"]);
  });

  it.each(["dev-aws", "prod-aws"])("%s exports every output bootstrap reads, and bootstrap makes from them every variable the workflows read", (stack) => {
    const { always, byCloud } = bootstrapReads();
    const cloud = platform.stacks.find((s) => s.name === stack)!.cloud;
    // Only a dev stack has a review identity: review environments are created in its cluster.
    const needed = [...always, ...(byCloud[cloud] ?? [])].filter((o) => o !== "reviewIdentity" || outputValues.get(stack)?.["environment"] === "dev");
    expect(needed.filter((o) => !exported.get(stack)!.has(o))).toEqual([]);
    const variables = oidcVariables(stack, `${stack}.json`, JSON.stringify(outputValues.get(stack)));
    const read = new Set(workflows(platform).filter((w) => w.fileName !== "review.yml").flatMap((w) => [...JSON.stringify(w).matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1]!)));
    const fromOutputs = [...read].filter((v) => v.startsWith(`STRATUM_${stack.replace(/-/g, "_").toUpperCase()}_`) || (cloud === "aws" && v === "AWS_REGION"));
    expect(fromOutputs.length).toBeGreaterThan(3);
    expect(fromOutputs.filter((v) => variables[v] === undefined)).toEqual([]);
  });

  it("bootstrap fails to make a variable a workflow needs when the output is gone (a broken wire)", () => {
    const { cloud: _cloud, ...withoutCloud } = outputValues.get("dev-aws")!;
    expect(oidcVariables("dev-aws", "dev-aws.json", JSON.stringify(withoutCloud))["AWS_REGION"]).toBeUndefined();
  });

  it.each(["dev-aws", "prod-aws"])("every output the README and docs say is read is exported by %s", (stack) => {
    const reads = documentedReads();
    expect([...reads.keys()]).toEqual(expect.arrayContaining(["registryUrls", "registryHost", "frontendBucket", "frontendCdnId", "deployIdentity"]));
    expect([...reads].filter(([o]) => !exported.get(stack)!.has(o)).map(([o, where]) => `${o}: named in ${where}`)).toEqual([]);
  });
});
