import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../../lib/cli/main.ts";
import type { CommandIo } from "../../lib/cli/command.ts";
import { commands } from "../../lib/cli/commands.ts";
import { workflows } from "../../workflows/synth.ts";
import { fixturePlatform, fixtureRoot } from "./fixture.ts";

const platform = fixturePlatform();
const all = workflows(platform);
const labels = (stack: string) => platform.stacks.find((s) => s.name === stack)!.clusterRunnerLabels;

/** Jobs that reach the cluster run inside its network; everything else stays on GitHub-hosted runners. */
describe("runners", () => {
  it("run deploy, preview and drift jobs on the stack's cluster runner labels", () => {
    for (const stack of ["dev-aws", "prod-aws", "prod-azure"]) {
      expect(labels(stack), stack).toEqual(["self-hosted", "linux", "x64", `shop-${stack}`]);
      for (const [file, id] of [["deploy.yml", `deploy-${stack}`], ["preview.yml", `preview-${stack}`], ["drift.yml", `drift-${stack}`]] as const) {
        expect(all.find((w) => w.fileName === file)!.jobs[id]!.runsOn, `${file}#${id}`).toEqual(labels(stack));
      }
    }
  });

  it("keep a stack with a public endpoint and no labels on GitHub-hosted runners", () => {
    expect(labels("dev-gcp")).toEqual([]);
    for (const w of all) for (const [id, job] of Object.entries(w.jobs)) if (id.endsWith("-dev-gcp")) expect(job.runsOn, `${w.fileName}#${id}`).toBeUndefined();
  });

  it("run the review jobs that reach the dev cluster (up, down, janitor) on the review base stack's labels", () => {
    const review = all.find((w) => w.fileName === "review.yml")!;
    for (const id of ["up", "down", "janitor"]) expect(review.jobs[id]!.runsOn, `review.yml#${id}`).toEqual(labels("dev-aws"));
  });

  it("keep build, scan and publish jobs, and every other job, on GitHub-hosted runners", () => {
    const clusterFacing = (file: string, id: string) => (file === "review.yml" ? ["up", "down", "janitor"].includes(id) : /^(deploy|preview|drift)-/.test(id));
    for (const w of all) {
      for (const [id, job] of Object.entries(w.jobs)) {
        if (!clusterFacing(w.fileName, id)) expect(job.runsOn, `${w.fileName}#${id}`).toBeUndefined();
      }
    }
  });

  it("synth refuses a private cluster endpoint with no runner labels (exit 2), naming the key and the stack, and writes nothing", async () => {
    const root = fixtureRoot();
    const file = join(root, "stacks/Pulumi.prod-aws.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n {2}stratum:ci:\n.*\n/, "\n"));
    expect(readFileSync(file, "utf8")).not.toContain("clusterRunnerLabels");
    const out: string[] = [];
    const err: string[] = [];
    const io: CommandIo = { stdout: (t) => out.push(t), stderr: (t) => err.push(t), env: {}, cwd: root };
    expect(await runCli(commands, ["synth"], io)).toBe(2);
    expect(err.join("")).toContain('stack "prod-aws": stratum:ci.clusterRunnerLabels');
    expect(err.join("")).toContain("publicAccessCidrs");
    expect(err.join("")).not.toContain("dev-gcp");
    expect(out.join("")).not.toContain("wrote");
  });
});
