import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import { freePort } from "../support/free-port.ts";
import { runCommand, startApp, type RunningApp } from "../support/run-app.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { readDockerfile } from "./dockerfile.ts";
import { planAll, stackNames } from "./fixture.ts";
import { argvOf } from "./image-contents.ts";
import { mutated, workloadPaths, type RunUnit } from "./plan-view.ts";
import { isReadiness, probeFindings, probesOf, serverUnits } from "./probes.ts";

/**
 * Each server of each example stack runs as a local process with its image's command and the plan's environment,
 * mapped to this machine in one place (`localEnv`): a free port for PORT, and a closed local port for the
 * database and every peer service, an empty local folder for each lake zone, so readiness may say 503 but a path
 * the app lacks says 404.
 */
const lakeDir = mkdtempSync(path.join(tmpdir(), "stratum-probe-lake-"));
async function localEnv(env: Readonly<Record<string, string>>, port: number): Promise<Record<string, string>> {
  const closed = await freePort();
  const local: Record<string, string> = { ...env, PORT: String(port) };
  // The database is a closed local port, so no connection is made. GCP's and Azure's token auth also need what the
  // cluster injects at run time (Azure's workload identity webhook variables, which orders checks at start), which
  // only the end-to-end run (test/e2e) stands in for: here they run as password auth against nothing.
  if (local["DATABASE_HOST"] !== undefined) Object.assign(local, { DATABASE_HOST: "127.0.0.1", DATABASE_PORT: String(closed), ...(local["DATABASE_AUTH"] !== "aws-iam" ? { DATABASE_AUTH: "password", DATABASE_PASSWORD: "offline" } : {}) });
  for (const name of Object.keys(local).filter((n) => /^SERVICE_[A-Z0-9_]+_URL$/.test(n))) local[name] = `http://127.0.0.1:${closed}`;
  // The lake is a local folder (file:///), whatever the cloud's URL: the probes ask paths, not the lake (the
  // end-to-end run, test/e2e, reads and writes each cloud's lake through its stand-in).
  for (const name of Object.keys(local).filter((n) => /^LAKE_[A-Z0-9_]+_URL$/.test(n))) local[name] = `file://${lakeDir}`;
  return local;
}

let plans: Map<string, PlannedStack>;
const running = new Map<string, RunningApp>();
const temp: string[] = [];
const key = (stack: string, unit: RunUnit) => `${stack} ${unit.where}`;

beforeAll(async () => {
  plans = await planAll();
  for (const [stack, plan] of plans) {
    for (const unit of serverUnits(plan)) {
      const appPath = workloadPaths(plan).get(unit.workload)!;
      const docker = readDockerfile(path.join(repoRoot, appPath))!;
      let cwd = path.join(repoRoot, appPath);
      // An image that makes files at build (the model server trains its model) runs from a copy built the same way.
      if (docker.nodeBuildSteps.length > 0) {
        cwd = mkdtempSync(path.join(tmpdir(), "stratum-probe-"));
        temp.push(cwd);
        cpSync(path.join(repoRoot, appPath), cwd, { recursive: true });
        for (const step of docker.nodeBuildSteps) expect((await runCommand({ command: step, cwd, env: {} })).code, step.join(" ")).toBe(0);
      }
      const port = await freePort();
      const liveness = probesOf(plan, unit, repoRoot).find((p) => !isReadiness(p))!;
      const { argv } = argvOf(unit, docker.entrypoint, docker.cmd);
      running.set(key(stack, unit), await startApp({ command: argv, cwd, env: await localEnv(unit.env, port), port, readinessPath: liveness.path }));
    }
  }
}, 120_000);

afterAll(async () => {
  for (const app of running.values()) await app.stop();
  for (const dir of [...temp, lakeDir]) rmSync(dir, { recursive: true, force: true });
});

/** The status the running app of `stack`'s unit answers for `probePath`. */
const statusFrom = (stack: string) => async (unit: RunUnit, probePath: string) => {
  const app = running.get(key(stack, unit));
  if (!app) throw new Error(`no running app for ${key(stack, unit)}`);
  return (await fetch(app.url + probePath, { signal: AbortSignal.timeout(5_000) })).status;
};

describe.each(stackNames)("%s: every probe path answers on the running app", (stack) => {
  it("liveness, readiness, SageMaker's /ping and the image's HEALTHCHECK exist in the app (started with the plan's env)", async () => {
    const plan = plans.get(stack)!;
    expect(serverUnits(plan).length).toBeGreaterThan(0);
    expect(await probeFindings(plan, repoRoot, statusFrom(stack))).toEqual([]);
  });
});

describe("the probe check on a broken wire", () => {
  it("names the workload, the probe field and the path the app does not serve (dev-aws)", async () => {
    const dev = plans.get("dev-aws")!;
    const broken = mutated(dev, "kubernetes:apps/v1:Deployment", "orders", (i) => (i["spec"].template.spec.containers[0].readinessProbe.httpGet.path = "/ready"));
    expect(await probeFindings(broken, repoRoot, statusFrom("dev-aws"))).toEqual([
      'dev-aws Deployment orders (orders): spec.template.spec.containers[0].readinessProbe.httpGet.path "/ready" answers 404 from the app, expected 200 (or 503 without its dependencies)',
    ]);
  });

  it("accepts a readiness of 503 without the database, and refuses it for liveness (dev-aws)", async () => {
    const dev = plans.get("dev-aws")!;
    const toReadyz = (probe: string) => mutated(dev, "kubernetes:apps/v1:Deployment", "orders", (i) => (i["spec"].template.spec.containers[0][probe].httpGet.path = "/readyz"));
    expect(await probeFindings(toReadyz("readinessProbe"), repoRoot, statusFrom("dev-aws"))).toEqual([]);
    expect(await probeFindings(toReadyz("livenessProbe"), repoRoot, statusFrom("dev-aws"))).toEqual([
      'dev-aws Deployment orders (orders): spec.template.spec.containers[0].livenessProbe.httpGet.path "/readyz" answers 503 from the app, expected 200',
    ]);
  });
});
