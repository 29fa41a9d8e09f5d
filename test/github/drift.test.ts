import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run as drift } from "../../commands/drift.ts";
import { driftMarker } from "../../lib/github/drift.ts";
import { fakeIo, sharedFixture, useFakeGithub, viaCli } from "./support.ts";

const work = mkdtempSync(join(tmpdir(), "stratum-drift-"));
const drifted = sharedFixture("pulumi-preview/drift-adopter__aws_secret_input.json");
const clean = { steps: [{ op: "same", urn: "urn:pulumi:prod-aws::p::pulumi:pulumi:Stack::p-prod-aws" }], changeSummary: { same: 1 } };

/** A results directory as the drift workflow leaves it: `<stack>.json` per stack. */
function results(name: string, stacks: Record<string, "drifted" | "clean">): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [stack, state] of Object.entries(stacks)) {
    if (state === "drifted") copyFileSync(drifted, join(dir, `${stack}.json`));
    else writeFileSync(join(dir, `${stack}.json`), JSON.stringify(clean));
  }
  return dir;
}

const github = useFakeGithub();
const stratum = viaCli("drift", drift);


describe("stratum drift report", () => {
  it("opens one issue per drifted stack, updates it on the next run, and closes it when the drift is gone", async () => {
    const first = fakeIo(github(), work);
    expect(await stratum(["report", "--results", results("r1", { "prod-aws": "drifted", "staging-aws": "clean" })], first)).toBe(1);
    expect(github().state.issues).toHaveLength(1);
    const [issue] = github().state.issues;
    expect(issue).toMatchObject({ title: "Drift in stack prod-aws", state: "open", labels: ["drift"] });
    expect(issue?.body).toContain(driftMarker("prod-aws"));
    expect(issue?.body).toContain("found 3 changes in `prod-aws`");
    expect(first.out()).toMatch(/prod-aws: opened \(acme\/platform#\d+\)\nstaging-aws: clean\n/);

    // Same drift again: nothing to write. Different run URL: the body changes and is edited in place.
    expect(await stratum(["report", "--results", results("r2", { "prod-aws": "drifted" })], fakeIo(github(), work))).toBe(1);
    const second = fakeIo(github(), work);
    expect(await stratum(["report", "--run-url", "https://ci.test/run/2", "--results", results("r2", { "prod-aws": "drifted" })], second)).toBe(1);
    expect(second.out()).toContain("prod-aws: updated");
    expect(github().state.issues).toHaveLength(1);
    expect(github().state.issues[0]?.body).toContain("https://ci.test/run/2");

    const third = fakeIo(github(), work);
    expect(await stratum(["report", "--results", results("r3", { "prod-aws": "clean" })], third)).toBe(0);
    expect(third.out()).toContain("prod-aws: closed");
    expect(github().state.issues[0]?.state).toBe("closed");
    expect(github().state.comments.find((c) => c.issue === github().state.issues[0]?.number)?.body).toContain("No drift in `prod-aws` any more");
    const writes = github().requests.filter((r) => r.method !== "GET").map((r) => r.operationId);
    expect(writes).toEqual(["issues/create", "issues/update", "issues/create-comment", "issues/update"]);
  });

  it("a 403 on issues names the issues permission and the repository (exit 2)", async () => {
    github().fault({ operationId: "issues/create", status: 403, message: "Resource not accessible by integration" });
    const io = fakeIo(github(), work);
    expect(await stratum(["report", "--results", results("r4", { "prod-aws": "drifted" })], io)).toBe(2);
    expect(io.err()).toContain('GitHub refused to open a drift issue for prod-aws in acme/platform (403 Resource not accessible by integration): the token probably lacks the "issues: write" permission');
  });
});
