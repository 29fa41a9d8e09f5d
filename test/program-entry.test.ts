import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { programEntry } from "../lib/plan/load-program.ts";
import { freshNode } from "./support/fresh-node.ts";
import { repoRoot } from "./support/shared-dir.ts";

describe("the Pulumi program as `pulumi up` loads it", () => {
  it("Pulumi.yaml names the project, Node without ts-node, the entry and the stack folder", () => {
    const project = parse(readFileSync(join(repoRoot, "Pulumi.yaml"), "utf8"));
    expect(project).toMatchObject({ name: "stratum", runtime: { name: "nodejs", options: { typescript: false } }, main: "index.ts", stackConfigDir: "stacks" });
    expect(programEntry(repoRoot)).toBe("index.ts");
  });

  it("loads with Node's own type stripping, no transpiler: plain `node` imports the whole program graph", () => {
    // Vitest transpiles TypeScript itself, so an enum or a parameter property would pass here and fail under
    // `pulumi up`; a child `node` with no loader is what the Pulumi language host runs.
    const script = `const m = await import(${JSON.stringify(join(repoRoot, "index.ts"))}); await import(${JSON.stringify(join(repoRoot, "components/clouds/aws/index.ts"))}); console.log(typeof m.default);`;
    expect(freshNode(script).trim()).toBe("function");
  });
});
