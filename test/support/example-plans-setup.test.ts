import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TestProject } from "vitest/node";
import setup from "./example-plans-setup.ts";

/** The parts of Vitest's TestProject the setup uses, recorded. */
function fakeProject() {
  const provided = new Map<string, unknown>();
  const reruns: (() => void)[] = [];
  const project = { provide: (key: string, value: unknown) => void provided.set(key, value), onTestsRerun: (callback: () => void) => void reruns.push(callback) };
  return { project: project as unknown as TestProject, provided, reruns };
}

describe("the shared example plans' folder", () => {
  it("is provided to the test processes, emptied before a watch-mode rerun, and removed at the end", () => {
    const { project, provided, reruns } = fakeProject();
    const teardown = setup(project);
    const dir = provided.get("examplePlansDir") as string;
    expect(readdirSync(dir)).toEqual([]);
    writeFileSync(join(dir, "plan-dev-aws.out"), "{}");
    writeFileSync(join(dir, "plan-dev-aws.claim"), "1");
    expect(reruns).toHaveLength(1);
    reruns[0]!();
    // The same folder, empty: a rerun plans the edited program again instead of reading the first run's plan.
    expect(readdirSync(dir)).toEqual([]);
    teardown();
    expect(existsSync(dir)).toBe(false);
  });
});
