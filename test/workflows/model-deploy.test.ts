import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Job, Step } from "../../workflows/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import { repoRoot } from "./fixture.ts";
import { examplePlan } from "../support/example-plans.ts";

/**
 * prod-gcp's deploy job, run as GitHub runs it (bash -e), with `pulumi`, `cosign` and `gcloud` replaced by scripts
 * that answer from prod-gcp's own plan and record their arguments: the digest the job verifies is the digest it
 * uploads, and the endpoint it deploys to is the plan's `modelEndpoints` entry.
 */
const platform = workflowPlatform(loadStackSpecs(repoRoot));
const deployJob = workflows(platform).find((w) => w.fileName === "deploy.yml")!.jobs["deploy-prod-gcp"] as Job;
const step = (name: RegExp): Step => {
  const found = deployJob.steps.find((s) => name.test(s.name));
  if (!found) throw new Error(`no step ${String(name)} in deploy-prod-gcp`);
  return found;
};
const verify = step(/^Verify the signature/);
const vertex = step(/Vertex AI endpoints$/);
const digest = `sha256:${"ab12".repeat(16)}`;
let outputs: Record<string, unknown>;

beforeAll(async () => {
  ({ outputs } = await examplePlan("prod-gcp"));
});

interface Run { readonly status: number | null; readonly stderr: string; readonly calls: string[][] }

/** Runs the steps in one directory: each tool's calls are logged one argument a line, a call ending with `--end--`. */
function run(steps: readonly Step[], options: { digest: string; deployed: readonly { id: string; displayName: string }[]; modelExists?: boolean; environments?: unknown }): Run {
  const dir = mkdtempSync(join(tmpdir(), "stratum-vertex-"));
  const bin = join(dir, "bin");
  mkdirSync(bin);
  const log = join(dir, "calls");
  writeFileSync(join(dir, "registryUrls.json"), JSON.stringify(outputs["registryUrls"]));
  writeFileSync(join(dir, "modelEndpoints.json"), JSON.stringify(outputs["modelEndpoints"]));
  writeFileSync(join(dir, "modelEnvironments.json"), JSON.stringify(options.environments ?? outputs["modelEnvironments"]));
  writeFileSync(join(dir, "endpoint.json"), JSON.stringify({ deployedModels: options.deployed }));
  const record = `{ printf '%s\\n' "$(basename "$0")" "$@"; echo --end--; } >> "${log}"`;
  const tools: Record<string, string> = {
    pulumi: [
      record,
      'if [ "$1 $2" = "stack output" ]; then cat "' + dir + '/$3.json"; exit 0; fi',
      `if [ "$1 $2" = "config get" ]; then printf '%s' '${options.digest}'; exit 0; fi`,
      "exit 1",
    ].join("\n"),
    cosign: record,
    gcloud: [
      record,
      `if [ "$1 $2 $3" = "ai endpoints describe" ]; then cat "${dir}/endpoint.json"; exit 0; fi`,
      `if [ "$1 $2 $3" = "ai models describe" ]; then exit ${options.modelExists ? 0 : 1}; fi`,
    ].join("\n"),
  };
  for (const [tool, body] of Object.entries(tools)) {
    writeFileSync(join(bin, tool), `#!/bin/sh\n${body}\n`);
    chmodSync(join(bin, tool), 0o755);
  }
  let result: ReturnType<typeof spawnSync> | undefined;
  for (const s of steps) {
    result = spawnSync("bash", ["-e", "-c", s.run!], { cwd: dir, encoding: "utf8", env: { ...s.env, STACK: "prod-gcp", PATH: `${bin}:/usr/bin:/bin` } });
    if (result.status !== 0) break;
  }
  const text = existsSync(log) ? readFileSync(log, "utf8") : "";
  const calls = text.split("--end--\n").filter((c) => c !== "").map((c) => c.trimEnd().split("\n"));
  return { status: result?.status ?? null, stderr: String(result?.stderr ?? ""), calls };
}

const flag = (call: readonly string[], name: string): string | undefined => call[call.indexOf(name) + 1];
const gcloud = (r: Run, ...command: string[]) => r.calls.filter((c) => c[0] === "gcloud" && command.every((word, i) => c[i + 1] === word));

describe("prod-gcp's deploy job deploys the model image it verified to the planned endpoint", () => {
  it("runs after `pulumi up` and reads only stack outputs the plan exports", () => {
    expect(deployJob.steps.indexOf(vertex)).toBeGreaterThan(deployJob.steps.findIndex((s) => s.name === "Update the stack"));
    expect(Object.keys(outputs["modelEndpoints"] as object)).toEqual(["recommender"]);
    expect(vertex.env).toEqual({ MODELS: '["recommender"]' });
  });

  it("uploads exactly the verified digest, deploys it to exactly the planned endpoint with all the traffic, then undeploys the old model", () => {
    const r = run([verify, vertex], { digest, deployed: [{ id: "4242", displayName: "recommender-old" }] });
    expect(r.status, r.stderr).toBe(0);
    const repository = (outputs["registryUrls"] as Record<string, string>)["recommender"]!;
    const endpoint = (outputs["modelEndpoints"] as Record<string, string>)["recommender"]!;
    const verified = r.calls.filter((c) => c[0] === "cosign" && c[1] === "verify").map((c) => c.at(-1));
    expect(verified).toContain(`${repository}@${digest}`);
    const [upload, ...moreUploads] = gcloud(r, "ai", "models", "upload");
    expect(moreUploads).toEqual([]);
    expect(flag(upload!, "--container-image-uri")).toBe(`${repository}@${digest}`);
    expect([flag(upload!, "--container-ports"), flag(upload!, "--container-health-route"), flag(upload!, "--container-predict-route")]).toEqual(["8080", "/ping", "/invocations"]);
    const planned = (outputs["modelEnvironments"] as Record<string, Record<string, string>>)["recommender"]!;
    expect(planned).toMatchObject({ PORT: "8080", MODEL_ARTIFACTS_URL: expect.stringMatching(/^gs:\/\//) });
    expect(flag(upload!, "--container-env-vars")).toBe(Object.entries(planned).map(([k, v]) => `${k}=${v}`).join(","));
    const [project, region] = [endpoint.split("/")[1], endpoint.split("/")[3]];
    expect([flag(upload!, "--project"), flag(upload!, "--region")]).toEqual([project, region]);
    const [deploy, ...moreDeploys] = gcloud(r, "ai", "endpoints", "deploy-model");
    expect(moreDeploys).toEqual([]);
    expect(deploy![4]).toBe(endpoint);
    expect(flag(deploy!, "--model")).toBe(flag(upload!, "--model-id"));
    expect(flag(deploy!, "--traffic-split")).toBe("0=100");
    const undeploys = gcloud(r, "ai", "endpoints", "undeploy-model");
    expect(undeploys.map((c) => [c[4], flag(c, "--deployed-model-id")])).toEqual([[endpoint, "4242"]]);
    // The old model is undeployed only after the new one took the traffic.
    expect(r.calls.indexOf(undeploys[0]!)).toBeGreaterThan(r.calls.indexOf(deploy!));
  });

  it("leaves an endpoint alone when it already serves the digest, and reuses an earlier upload", () => {
    const serving = run([vertex], { digest, deployed: [{ id: "4242", displayName: `recommender-${digest.slice("sha256:".length)}` }] });
    expect(serving.status, serving.stderr).toBe(0);
    expect(gcloud(serving, "ai", "models", "upload")).toEqual([]);
    expect(gcloud(serving, "ai", "endpoints", "deploy-model")).toEqual([]);
    expect(gcloud(serving, "ai", "endpoints", "undeploy-model")).toEqual([]);
    const uploaded = run([vertex], { digest, deployed: [], modelExists: true });
    expect(uploaded.status, uploaded.stderr).toBe(0);
    expect(gcloud(uploaded, "ai", "models", "upload")).toEqual([]);
    expect(gcloud(uploaded, "ai", "endpoints", "deploy-model")).toHaveLength(1);
  });

  it("refuses an environment value that would split --container-env-vars", () => {
    const r = run([vertex], { digest, deployed: [], environments: { recommender: { PORT: "8080", EXTRA: "a,B=c" } } });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("modelEnvironments gives");
    expect(gcloud(r, "ai", "models", "upload")).toEqual([]);
  });

  it("refuses a digest that is not sha256:<64 hex> and runs no gcloud command", () => {
    const r = run([vertex], { digest: "sha256:abc; rm -rf /", deployed: [] });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('recommender: got "sha256:abc; rm -rf /", expected sha256:<64 hex>');
    expect(r.calls.filter((c) => c[0] === "gcloud")).toEqual([]);
  });
});
