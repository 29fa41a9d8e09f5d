import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlatformSpec } from "../../components/spec/index.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { apiReachesOrders, etlWritesStarSchema, migrationsApply, migrationsRerunIsNoop, modelAnswers, ordersServesRows, probesAnswer, reportReadsCurated } from "./checks.ts";
import { OfflineSystem } from "./offline-system.ts";
import type { PlannedWorkload } from "./plan-workloads.ts";

/**
 * The end-to-end run of one planned stack, written once for every cloud: every Deployment, Job and CronJob of the
 * plan run as a local process with exactly its command, port and environment, against a real PostgreSQL and the
 * cloud's stand-ins (docs/wiring.md, "The offline end-to-end run").
 */
const TIMEOUT = 180_000;

/** What the network mapping and the pod's emptyDir add to every process, on every cloud. */
export const MAPPING_ENV = ["TMPDIR", "NODE_OPTIONS", "STRATUM_LOCAL_BIND", "STRATUM_LOCAL_HOSTS", "STRATUM_LOCAL_LISTEN_LOG"];

export interface StackRun {
  readonly label: string;
  readonly load: () => Promise<{ plan: PlanReport; spec: PlatformSpec }>;
  /** The cluster's namespace (`<name>-<env>`), where the Services' names live. */
  readonly namespace: string;
  /** What the cloud's runtime adds to a workload's env, beside MAPPING_ENV (its credential stand-in's variables). */
  readonly runtimeEnv: (w: PlannedWorkload) => readonly string[];
  /** Whether the model runs in the cluster (a Deployment); a managed model is the cloud's endpoint's. @default true */
  readonly modelInCluster?: boolean;
}

const CLUSTER_UNITS = ["CronJob etl: node etl.js", "Deployment api: node server.js", "Deployment orders: node server.js", "Job orders-migrate-<hash>: node migrate.js"];

export function describeWorkloadRun(run: StackRun): void {
  describe(`${run.label}: every workload of the plan, run as its pod or Job runs it`, () => {
    let plan: PlanReport;
    let system: OfflineSystem;
    beforeAll(async () => {
      const loaded = await run.load();
      plan = loaded.plan;
      system = await OfflineSystem.start(plan, loaded.spec);
    }, TIMEOUT);
    afterAll(() => system?.stop(), TIMEOUT);

    it("each process gets exactly its container's env (over the image's ENV), plus only the runtime's stand-ins and the network mapping", () => {
      const model = run.modelInCluster === false ? [] : ["Deployment recommender: node server.js"];
      expect(system.workloads.filter((w) => w.kind !== "SageMaker model").map((w) => `${w.kind} ${w.name.replace(/-[0-9a-f]{12}$/, "-<hash>")}: ${w.argv.join(" ")}`).sort()).toEqual([...CLUSTER_UNITS, ...model].sort());
      for (const w of system.workloads.filter((w) => w.kind !== "SageMaker model")) {
        const env = system.environment(w);
        expect(Object.keys(env).filter((k) => !(k in w.env) && !(k in w.image.env)).sort(), w.name).toEqual([...MAPPING_ENV, ...run.runtimeEnv(w)].sort());
        for (const [name, value] of Object.entries(w.env)) expect(env[name], `${w.name}: ${name}`).toBe(value);
        expect(JSON.parse(env["STRATUM_LOCAL_HOSTS"]!)).toEqual({
          ...system.cloud!.hosts(w),
          [String(plan.outputs["databaseHost"])]: system.postgres!.host,
          ...Object.fromEntries(["api", "orders", ...(run.modelInCluster === false ? [] : ["recommender"])].map((n) => [`${n}.${run.namespace}.svc.cluster.local`, expect.stringMatching(/^127\./)])),
        });
      }
      expect(system.postgres!.port).toBe(system.database!.port);
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

    if (run.modelInCluster !== false) {
      it("the in-cluster model answers /ping, /invocations and /predict on its containerPort", async () => {
        const model = system.find("Deployment", "recommender");
        await modelAnswers(system, model, model.containerPorts[0]!.containerPort);
      }, TIMEOUT);
    }
  });
}
