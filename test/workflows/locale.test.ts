import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { freshNode } from "../support/fresh-node.ts";
import { fixtureRoot, repoRoot } from "./fixture.ts";

/**
 * The generated workflows are the same files on every machine: names sort in one order whatever the locale
 * (lib/text/text-order.ts). Czech collation puts "ch" after "h", so a workload named "checkout" sorts after "etl"
 * there and before it in English; generating in a Czech locale must still give the English order's files.
 */
const czech = { LANG: "cs_CZ.UTF-8", LC_ALL: "cs_CZ.UTF-8" };
const plain = { LANG: "C.UTF-8", LC_ALL: "C.UTF-8" };

/** Runs `script` (an ES module) in a fresh Node with the locale `env` and returns what it prints. */
function inLocale(env: Record<string, string>, script: string): string {
  return freshNode(script, { env: { ...process.env, ...env } });
}

describe("names sort the same in every locale", () => {
  it("orders names in English whatever the locale, where the locale's own order differs", () => {
    const script = `
      const { compareText, compareNumbered } = await import(${JSON.stringify(join(repoRoot, "lib/text/text-order.ts"))});
      const names = ["hello", "chart", "db"];
      console.log(JSON.stringify({ locale: [...names].sort((a, b) => a.localeCompare(b)), text: [...names].sort(compareText), numbered: ["CC6.10", "A.5.15", "CC6.2", "A.5.9"].sort(compareNumbered) }));`;
    // The locale is live in the child: its own collation puts "chart" after "hello".
    expect(JSON.parse(inLocale(czech, script))).toEqual({ locale: ["db", "hello", "chart"], text: ["chart", "db", "hello"], numbered: ["A.5.9", "A.5.15", "CC6.2", "CC6.10"] });
    expect(JSON.parse(inLocale(plain, script))).toMatchObject({ locale: ["chart", "db", "hello"], text: ["chart", "db", "hello"] });
  });

  it("generates the same workflows, byte for byte, in a Czech locale as in the C locale", () => {
    const root = fixtureRoot();
    for (const file of readdirSync(join(root, "stacks"))) {
      const path = join(root, "stacks", file);
      writeFileSync(path, readFileSync(path, "utf8").replaceAll("talksTo: [orders]", "talksTo: [checkout]").replaceAll("- name: orders\n", "- name: checkout\n"));
    }
    const script = `
      const { synthesize } = await import(${JSON.stringify(join(repoRoot, "workflows/synth.ts"))});
      console.log(JSON.stringify([...synthesize(${JSON.stringify(root)})]));`;
    const generate = (env: Record<string, string>) => new Map(JSON.parse(inLocale(env, script)) as [string, string][]);
    /** The workloads' build jobs of deploy.yml, in the file's order. */
    const builds = (files: ReadonlyMap<string, string>) => files.get(".github/workflows/deploy.yml")?.match(/^ {2}build-[a-z0-9-]+:$/gm)?.map((line) => line.trim().slice("build-".length, -1));
    const [inC, inCzech] = [generate(plain), generate(czech)];
    // The renamed workload is there, sorted among the others in English order, in both.
    expect(builds(inC)).toEqual(["api", "checkout", "etl", "recommender", "frontend"]);
    expect(builds(inCzech)).toEqual(builds(inC));
    expect([...inCzech.keys()]).toEqual([...inC.keys()]);
    for (const [path, text] of inC) expect(inCzech.get(path) === text, `${path} is the same file in both locales`).toBe(true);
  });
});
