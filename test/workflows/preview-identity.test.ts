import { describe, expect, it } from "vitest";
import { driftWorkflow } from "../../workflows/drift.ts";
import type { Job } from "../../workflows/model.ts";
import { previewWorkflow } from "../../workflows/preview.ts";
import { fixturePlatform } from "./fixture.ts";

const platform = fixturePlatform();
const stacks = ["dev-aws", "dev-gcp", "prod-aws", "prod-azure"];
const variable = (stack: string, kind: "DEPLOY" | "PREVIEW") => `\${{ vars.STRATUM_${stack.toUpperCase().replace("-", "_")}_${kind}_IDENTITY }}`;
const login = (job: Job) => job.steps.find((s) => s.name?.startsWith("Log in to"))!;

/**
 * A same-repository pull request runs its own code in the preview job, and drift runs on a schedule from any
 * ref the dispatcher picks: both only read, so both log in as the stack's read-only preview identity.
 */
describe("read-only jobs", () => {
  const jobs = [
    ...Object.entries(previewWorkflow(platform).jobs).filter(([id]) => id.startsWith("preview-")),
    ...Object.entries(driftWorkflow(platform).jobs).filter(([id]) => id.startsWith("drift-")),
  ];

  it("are a preview and a drift job for every stack", () => {
    expect(jobs.map(([id]) => id).sort()).toEqual([...stacks.map((s) => `drift-${s}`), ...stacks.map((s) => `preview-${s}`)].sort());
  });

  it("run in the preview environment and log in with the stack's preview identity, never its deploy identity", () => {
    for (const [id, job] of jobs) {
      const stack = id.replace(/^(preview|drift)-/, "");
      expect(job.environment, id).toBe("preview");
      expect(Object.values(login(job).with ?? {}), id).toContain(variable(stack, "PREVIEW"));
      expect(JSON.stringify(job), id).not.toContain("_DEPLOY_IDENTITY");
    }
  });

  it("keep their per-stack concurrency: drift one run per stack, preview per pull request", () => {
    for (const stack of stacks) expect(driftWorkflow(platform).jobs[`drift-${stack}`]!.concurrency).toEqual({ group: `drift-${stack}`, cancelInProgress: false });
    expect(previewWorkflow(platform).concurrency).toEqual({ group: "preview-${{ github.event.pull_request.number }}", cancelInProgress: true });
  });
});
