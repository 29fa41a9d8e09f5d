import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PlatformSpec } from "../../components/spec/index.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { prepareStack } from "../../lib/plan/prepare-stack.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { etlWritesStarSchema, migrationsApply } from "./checks.ts";
import { OfflineSystem, type SystemParts } from "./offline-system.ts";
import { plannedWorkloads } from "./plan-workloads.ts";
import { examplePlan } from "../support/example-plans.ts";

/**
 * The end-to-end run catches a broken wire: each test breaks one wire of the dev-aws plan JSON, starts only what
 * that wire connects, and expects the run to fail naming the workload, the field and the value.
 */
const TIMEOUT = 180_000;
type Inputs = Record<string, any>;

let plan: PlanReport;
let spec: PlatformSpec;
let system: OfflineSystem | undefined;
beforeAll(async () => {
  plan = await examplePlan("dev-aws");
  spec = prepareStack(repoRoot, "dev-aws").spec;
}, TIMEOUT);
afterEach(async () => {
  await system?.stop();
  system = undefined;
}, TIMEOUT);

/** The plan with `change` applied to the container of each resource of `kind` whose name starts with `name`. */
function broken(kind: "Deployment" | "Job" | "CronJob", name: string, change: (container: Inputs) => void): PlanReport {
  const copy = structuredClone(plan) as PlanReport;
  const matches = copy.resources.filter((r) => r.type.endsWith(`:${kind}`) && r.name.startsWith(name));
  if (matches.length === 0) throw new Error(`no ${kind} ${name} in the plan`);
  for (const r of matches) {
    const spec = (r.inputs as Inputs)["spec"];
    change((kind === "CronJob" ? spec.jobTemplate.spec.template : spec.template).spec.containers[0]);
  }
  return copy;
}
const setEnv = (name: string, value: string) => (container: Inputs) => {
  const entry = (container["env"] as { name: string; value: string }[]).find((e) => e.name === name);
  if (!entry) throw new Error(`no env ${name} to break`);
  entry.value = value;
};
const start = async (mutated: PlanReport, parts?: SystemParts) => (system = await OfflineSystem.start(mutated, spec, parts));

describe("dev-aws with one wire broken", () => {
  it("orders' PORT 8081 while its containerPort says 8080: it never gets ready where its probe and Service look", async () => {
    const s = await start(broken("Deployment", "orders", setEnv("PORT", "8081")), { database: false, lake: false });
    const orders = s.find("Deployment", "orders");
    await expect(s.serve(orders)).rejects.toThrow(
      new RegExp(`Deployment orders: listens on ${s.address(orders).replaceAll(".", "\\.")}:8081 \\(env PORT=8081\\), not on containerPort 8080 where its readinessProbe /readyz and its Service send traffic`),
    );
  }, TIMEOUT);

  it("api's SERVICE_ORDERS_URL naming a host the cluster does not have: api never becomes ready", async () => {
    const s = await start(broken("Deployment", "api", setEnv("SERVICE_ORDERS_URL", "http://order.acme-dev.svc.cluster.local:8080")), { lake: false });
    await migrationsApply(s);
    await s.serve(s.find("Deployment", "orders"));
    const api = s.find("Deployment", "api");
    // Its readiness asks orders' through that URL: the rollout would wait on it, so no traffic would reach it.
    // Five seconds of 503s: with orders already serving, a working api is ready in well under one.
    await expect(s.serve(api, 5_000)).rejects.toThrow(/^Deployment api \(.*readinessProbe \/readyz on .*\) did not become ready: .*answered 503|did not answer 200 in time.*503/);
  }, TIMEOUT);

  it("DATABASE_NAME naming a database the instance does not have: the migration Job fails saying so", async () => {
    const s = await start(broken("Job", "orders-migrate", setEnv("DATABASE_NAME", "order")), { lake: false });
    await expect(migrationsApply(s)).rejects.toThrow(/^Job orders-migrate-[0-9a-f]{12}: command \["node","migrate.js"\] \(.*DATABASE_NAME=order .*\) exited [1-9]\d*:[\s\S]*database "order" does not exist/);
  }, TIMEOUT);

  it("the migration Job's command replaced by `node migrate-missing.js`: the Job fails naming the command", async () => {
    const s = await start(broken("Job", "orders-migrate", (c) => (c["command"] = ["node", "migrate-missing.js"])), { lake: false });
    await expect(migrationsApply(s)).rejects.toThrow(/^Job orders-migrate-[0-9a-f]{12}: command \["node","migrate-missing.js"\] .* exited 1:[\s\S]*Cannot find module '.*examples\/orders\/migrate-missing\.js'/);
  }, TIMEOUT);

  it("the ETL's PIPELINE_TARGET_URL pointing to another bucket: the curated zone stays empty, and the run says where the output went", async () => {
    const s = await start(broken("CronJob", "etl", setEnv("PIPELINE_TARGET_URL", "s3://acme-dev-lake-elsewhere")), { database: false });
    await expect(etlWritesStarSchema(s)).rejects.toThrow(
      /^CronJob etl \(PIPELINE_SOURCE_URL=s3:\/\/acme-dev-lake-raw PIPELINE_TARGET_URL=s3:\/\/acme-dev-lake-elsewhere\): the curated zone's bucket acme-dev-lake-curated lacks dim_customer\/part-0\.parquet.*written elsewhere: \[.*"acme-dev-lake-elsewhere\/dim_customer\/part-0\.parquet"/,
    );
  }, TIMEOUT);

  it("a probe on a port name the container does not have: the manifest is refused before anything runs", () => {
    const mutated = broken("Deployment", "api", (c) => (c["readinessProbe"].httpGet.port = "metrics"));
    expect(() => plannedWorkloads(mutated, spec, repoRoot)).toThrow('Deployment api: readinessProbe.httpGet.port "metrics" names no port of the container (ports: [{"containerPort":8080,"name":"http","protocol":"TCP"}])');
  });
});
