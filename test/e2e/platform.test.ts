import { afterAll, beforeAll, describe, it } from "vitest";
import type { PlanReport } from "../../lib/plan/model.ts";
import { prepareStack } from "../../lib/plan/plan-stack.ts";
import { planJson } from "../support/plan-json.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { apiReachesOrders, etlWritesStarSchema, migrationsApply, migrationsRerunIsNoop, modelAnswers, ordersServesRows, probesAnswer, reportReadsCurated } from "./checks.ts";
import { OfflineSystem } from "./offline-system.ts";

/**
 * The reference platform's workloads, run offline from the plan: `stratum plan --stack dev-aws --format json`, and
 * every Deployment, Job and CronJob in it run as a local process with exactly its command, port and environment,
 * against a real PostgreSQL and the S3 stand-in (docs/wiring.md, "The offline end-to-end run").
 */
const TIMEOUT = 180_000;

describe("dev-aws: every workload of the plan, run as its pod or Job runs it", () => {
  let plan: PlanReport;
  let system: OfflineSystem;
  beforeAll(async () => {
    plan = await planJson("dev-aws");
    system = await OfflineSystem.start(plan, prepareStack(repoRoot, "dev-aws").spec);
  }, TIMEOUT);
  afterAll(() => system?.stop(), TIMEOUT);

  it("the migration Job's command applies every migration; a second run changes nothing", async () => {
    await migrationsApply(system);
    await migrationsRerunIsNoop(system);
  }, TIMEOUT);

  it("every Deployment becomes ready, and each of its probes answers 200 on its resolved port at its address", async () => {
    const deployments = system.workloads.filter((w) => w.kind === "Deployment");
    for (const w of deployments) {
      await system.build(w);
      await system.serve(w);
    }
    for (const w of deployments) await probesAnswer(system, w);
  }, TIMEOUT);

  it("orders serves the rows it wrote to PostgreSQL", async () => {
    await ordersServesRows(system);
  }, TIMEOUT);

  it("api reaches orders through SERVICE_ORDERS_URL", async () => {
    await apiReachesOrders(system);
  }, TIMEOUT);

  it("the ETL CronJob's command turns the raw zone into the curated star schema, and api reports from it", async () => {
    await etlWritesStarSchema(system);
    await reportReadsCurated(system);
  }, TIMEOUT);

  it("the in-cluster model answers /ping, /invocations and /predict on its containerPort", async () => {
    const model = system.find("Deployment", "recommender");
    await modelAnswers(system, model, model.containerPorts[0]!.containerPort);
  }, TIMEOUT);
});

describe("prod-aws: the managed model, run as SageMaker runs its container", () => {
  let system: OfflineSystem;
  beforeAll(async () => {
    system = await OfflineSystem.start(await planJson("prod-aws"), prepareStack(repoRoot, "prod-aws").spec, { database: false, lake: false });
  }, TIMEOUT);
  afterAll(() => system?.stop(), TIMEOUT);

  it("the SageMaker model's image, with `serve`, the primaryContainer's environment and no network, answers /ping and /invocations on 8080", async () => {
    const model = system.workloads.find((w) => w.kind === "SageMaker model")!;
    await system.build(model);
    await system.serve(model);
    await modelAnswers(system, model, 8080);
  }, TIMEOUT);
});
