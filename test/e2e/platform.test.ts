import { afterAll, beforeAll, describe, expect, it } from "vitest";
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

  it("each process gets exactly its container's env (over the image's ENV), plus only the runtime's stand-ins and the network mapping", () => {
    const added = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL_S3", "TMPDIR", "NODE_OPTIONS", "STRATUM_LOCAL_BIND", "STRATUM_LOCAL_HOSTS", "STRATUM_LOCAL_LISTEN_LOG"];
    expect(system.workloads.map((w) => `${w.kind} ${w.name}: ${w.argv.join(" ")}`).sort()).toEqual([
      "CronJob etl: node etl.js",
      "Deployment api: node server.js",
      "Deployment orders: node server.js",
      "Deployment recommender: node server.js",
      "Job orders-migrate-000000000000: node migrate.js",
    ]);
    for (const w of system.workloads) {
      const env = system.environment(w);
      expect(Object.keys(env).filter((k) => !(k in w.env) && !(k in w.image.env)).sort(), w.name).toEqual([...added].sort());
      for (const [name, value] of Object.entries(w.env)) expect(env[name], `${w.name}: ${name}`).toBe(value);
      expect(JSON.parse(env["STRATUM_LOCAL_HOSTS"]!)).toEqual({
        [String(plan.outputs["databaseHost"])]: system.postgres!.host,
        ...Object.fromEntries(["api", "orders", "recommender"].map((n) => [`${n}.acme-dev.svc.cluster.local`, expect.stringMatching(/^127\./)])),
      });
    }
    expect(system.postgres!.port).toBe(5432);
  });

  it("the migration Job's command applies every migration; a second run changes nothing", async () => {
    await migrationsApply(system);
    await migrationsRerunIsNoop(system);
  }, TIMEOUT);

  it("every Deployment becomes ready, and each of its probes answers 200 on its resolved port at its address", async () => {
    const deployments = system.workloads.filter((w) => w.kind === "Deployment");
    // All at once, as a rollout starts them: api is ready only once orders is (its readiness asks orders').
    await Promise.all(
      deployments.map(async (w) => {
        await system.build(w);
        await system.serve(w);
      }),
    );
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
