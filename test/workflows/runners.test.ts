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

  it("make sure the cluster's credential plugin is there before Pulumi reaches a GCP or Azure cluster, at an exact version", () => {
    const plugin: Record<string, string | undefined> = { "dev-aws": undefined, "prod-aws": undefined, "dev-gcp": "gke-gcloud-auth-plugin", "prod-azure": "kubelogin" };
    for (const [stack, binary] of Object.entries(plugin)) {
      for (const [file, id, pulumiStep] of [["deploy.yml", `deploy-${stack}`, "Update the stack"], ["preview.yml", `preview-${stack}`, "Preview with policies"], ["drift.yml", `drift-${stack}`, "Refresh and expect no changes"]] as const) {
        const steps = all.find((w) => w.fileName === file)!.jobs[id]!.steps;
        const at = steps.findIndex((s) => s.name.startsWith("Cluster credential plugin"));
        if (!binary) {
          expect(at, `${file}#${id}`).toBe(-1);
          continue;
        }
        expect(at, `${file}#${id}`).toBeGreaterThan(steps.findIndex((s) => s.name.startsWith("Log in to")));
        expect(at, `${file}#${id}`).toBeLessThan(steps.findIndex((s) => s.name === pulumiStep));
        expect(steps[at]!.run).toMatch(new RegExp(`^if ! command -v ${binary} > /dev/null; then\n[\\s\\S]*\nfi\n${binary} --version$`));
      }
    }
    const gcp = all.find((w) => w.fileName === "deploy.yml")!.jobs["deploy-dev-gcp"]!.steps.find((s) => s.name.startsWith("Cluster credential plugin"))!;
    // The plugin at exactly the version of the Google Cloud CLI the runner has.
    expect(gcp.run).toContain('sudo apt-get install -y -qq "google-cloud-cli-gke-gcloud-auth-plugin=$version"');
    const azure = all.find((w) => w.fileName === "drift.yml")!.jobs["drift-prod-azure"]!.steps.find((s) => s.name.startsWith("Cluster credential plugin"))!;
    expect(azure.run).toContain('sudo az aks install-cli --kubelogin-version "0.2.19" --client-version "1.34.1"');
  });

  it("keep a stack with a public endpoint and no labels on GitHub-hosted runners", () => {
    expect(labels("dev-gcp")).toEqual([]);
    for (const w of all) for (const [id, job] of Object.entries(w.jobs)) if (id.endsWith("-dev-gcp")) expect(job.runsOn, `${w.fileName}#${id}`).toBeUndefined();
  });

  it("run the review jobs that reach the dev cluster (up, down, janitor) on the review base stack's labels", () => {
    const review = all.find((w) => w.fileName === "review.yml")!;
    for (const id of ["up", "down", "janitor"]) expect(review.jobs[id]!.runsOn, `review.yml#${id}`).toEqual(labels("dev-aws"));
  });

  it("keep build, scan and publish jobs, and every other job, on GitHub-hosted runners, but a private registry's publish job", () => {
    const clusterFacing = (file: string, id: string) => (file === "review.yml" ? ["up", "down", "janitor"].includes(id) : /^(deploy|preview|drift)-/.test(id));
    for (const w of all) {
      for (const [id, job] of Object.entries(w.jobs)) {
        if (id === "publish-prod-azure") expect(job.runsOn, `${w.fileName}#${id}`).toEqual(labels("prod-azure"));
        else if (!clusterFacing(w.fileName, id)) expect(job.runsOn, `${w.fileName}#${id}`).toBeUndefined();
      }
    }
  });

  it("synth refuses an Azure stack with no runner labels even with a public cluster endpoint: its registry is private (exit 2)", async () => {
    const root = fixtureRoot();
    const file = join(root, "stacks/Pulumi.prod-azure.yaml");
    // A dev stack, where a public cluster endpoint is allowed (prod refuses one).
    const text = readFileSync(file, "utf8").replace(/\n {2}stratum:ci:\n.*\n/, "\n").replace("stratum:environment: prod", "stratum:environment: dev");
    writeFileSync(file, `${text}  stratum:infra:\n    cluster:\n      publicAccessCidrs: [203.0.113.0/24]\n`);
    const err: string[] = [];
    const io: CommandIo = { stdout: () => {}, stderr: (t) => err.push(t), env: {}, cwd: root };
    expect(await runCli(commands, ["synth"], io)).toBe(2);
    expect(err.join("")).toContain('stack "prod-azure": stratum:ci.clusterRunnerLabels: none given, and the stack\'s azure registry is reachable only inside its network');
    expect(err.join("")).not.toContain("publicAccessCidrs is empty");
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
