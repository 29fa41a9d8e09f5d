import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planSide } from "../../../lib/plan/diff/plan-side.ts";

/**
 * A revision whose `stratum plan` writes one plan per run, named after the STRATUM_PLAN_JOBS it was started with:
 * what a side's plan processes may number is what the diff gives it, in whatever revision it is.
 */
function revisionThatReportsItsJobs(): string {
  const root = mkdtempSync(join(tmpdir(), "stratum-side-"));
  mkdirSync(join(root, "scripts"));
  writeFileSync(
    join(root, "scripts", "stratum.ts"),
    `import { writeFileSync } from "node:fs";
const out = process.argv[process.argv.indexOf("--out") + 1];
const stack = "jobs-" + process.env.STRATUM_PLAN_JOBS;
writeFileSync(out + "/" + stack + ".json", JSON.stringify({ formatVersion: 1, stack, resources: [] }));
`,
  );
  return root;
}

describe("planSide", () => {
  it("gives the side's stratum plan the number of plan processes it may use", async () => {
    const root = revisionThatReportsItsJobs();
    expect([...(await planSide(root, "head", "all", 1)).keys()]).toEqual(["jobs-1"]);
    expect([...(await planSide(root, "head", "all", 3)).keys()]).toEqual(["jobs-3"]);
  });
});
