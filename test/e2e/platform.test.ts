import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prepareStack } from "../../lib/plan/prepare-stack.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { modelAnswers } from "./checks.ts";
import { OfflineSystem } from "./offline-system.ts";
import { describeWorkloadRun } from "./platform-run.ts";
import { examplePlan } from "../support/example-plans.ts";

/**
 * The reference platform's workloads, run offline from the plan: `stratum plan --stack <stack> --format json`, and
 * every Deployment, Job and CronJob in it run as a local process with exactly its command, port and environment,
 * against a real PostgreSQL and the cloud's stand-ins (docs/wiring.md, "The offline end-to-end run").
 */
const TIMEOUT = 180_000;

const load = (stack: string) => async () => ({ plan: await examplePlan(stack), spec: prepareStack(repoRoot, stack).spec });
// EKS Pod Identity's credentials (fakes) and the S3 stand-in's endpoint.
const eks = () => ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_EC2_METADATA_DISABLED", "AWS_ENDPOINT_URL_S3"];

describeWorkloadRun({ label: "dev-aws", load: load("dev-aws"), namespace: "acme-dev", runtimeEnv: eks });
describeWorkloadRun({ label: "prod-aws", load: load("prod-aws"), namespace: "acme-prod", runtimeEnv: eks, modelInCluster: false });

describe("prod-aws: the managed model, run as SageMaker runs its container", () => {
  let system: OfflineSystem;
  beforeAll(async () => {
    system = await OfflineSystem.start(await examplePlan("prod-aws"), prepareStack(repoRoot, "prod-aws").spec, { database: false, lake: false });
  }, TIMEOUT);
  afterAll(() => system?.stop(), TIMEOUT);

  it("the SageMaker model's image, with `serve`, the primaryContainer's environment and no network, answers /ping and /invocations on 8080", async () => {
    const model = system.workloads.find((w) => w.kind === "SageMaker model")!;
    await system.build(model);
    await system.serve(model);
    await modelAnswers(system, model, 8080);
  }, TIMEOUT);
});
