import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PlatformSpec } from "../../components/spec/index.ts";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { prepareStack } from "../../lib/plan/prepare-stack.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { etlWritesStarSchema, migrationsApply } from "./checks.ts";
import { OfflineSystem } from "./offline-system.ts";
import { gcpServiceAccount, syntheticAzurePlan, syntheticSpec } from "./synthetic-plans.ts";
import { examplePlan } from "../support/example-plans.ts";

/**
 * The wires GCP and Azure add, each broken once in dev-gcp's plan or an Azure-shaped one (synthetic-plans.ts, until
 * the Azure stacks plan here): the run fails, and says where.
 * (The cluster's own wires, ports, Services, commands and database names, are cloud-neutral: broken-wires.test.ts.)
 */
const TIMEOUT = 180_000;
type Inputs = Record<string, any>;

let aws: PlanReport;
let spec: PlatformSpec;
let devGcp: PlanReport;
let devGcpSpec: PlatformSpec;
let system: OfflineSystem | undefined;
beforeAll(async () => {
  aws = await examplePlan("dev-aws");
  spec = prepareStack(repoRoot, "dev-aws").spec;
  devGcp = await examplePlan("dev-gcp");
  devGcpSpec = prepareStack(repoRoot, "dev-gcp").spec;
}, TIMEOUT);
afterEach(async () => {
  await system?.stop();
  system = undefined;
}, TIMEOUT);

const start = async (plan: PlanReport, cloud: "gcp" | "azure") => (system = await OfflineSystem.start(plan, cloud === "gcp" ? devGcpSpec : syntheticSpec(spec, cloud)));
const edit = (plan: PlanReport, type: string, name: string, change: (inputs: Inputs) => void): PlanReport => {
  const copy = structuredClone(plan) as PlanReport & { resources: PlanResource[] };
  const found = copy.resources.filter((r) => r.type === type && ((r.inputs as Inputs)["metadata"]?.name ?? r.name) === name);
  if (found.length === 0) throw new Error(`no ${type} ${name} to break`);
  for (const r of found) change(r.inputs as Inputs);
  return copy;
};
const without = (plan: PlanReport, type: string, match: (inputs: Inputs) => boolean): PlanReport => {
  const kept = plan.resources.filter((r) => !(r.type === type && match(r.inputs as Inputs)));
  if (kept.length !== plan.resources.length - 1) throw new Error(`${plan.resources.length - kept.length} ${type}s match; expected one to remove`);
  return { ...plan, resources: kept };
};

describe("dev-gcp with one wire broken", () => {
  it("orders' ServiceAccount naming another Google service account: Cloud SQL refuses its token for the IAM user", async () => {
    const plan = edit(devGcp, "kubernetes:core/v1:ServiceAccount", "orders", (i) => (i["metadata"].annotations["iam.gke.io/gcp-service-account"] = gcpServiceAccount("api")));
    const s = await start(plan, "gcp");
    await expect(migrationsApply(s)).rejects.toThrow(/^Job orders-migrate-[0-9a-f]{12}: .*DATABASE_USER=acme-dev-orders@acme-platform-dev\.iam DATABASE_AUTH=gcp-iam.* exited 1:[\s\S]*password authentication failed for user "acme-dev-orders@acme-platform-dev\.iam"/);
  }, TIMEOUT);

  it("the ETL's write grant on the curated bucket missing: Cloud Storage refuses the upload, and the Job fails naming the object", async () => {
    const plan = without(devGcp, "gcp:storage/bucketIAMMember:BucketIAMMember", (i) => i["bucket"] === "acme-dev-lake-curated" && i["member"] === `serviceAccount:${gcpServiceAccount("etl")}`);
    const s = await start(plan, "gcp");
    await expect(etlWritesStarSchema(s)).rejects.toThrow(/^CronJob etl \(.*PIPELINE_TARGET_URL=gs:\/\/acme-dev-lake-curated\): command \["node","etl.js"\] exited 1:[\s\S]*etl: Cloud Storage \(https:\/\/storage\.googleapis\.com\): upload gs:\/\/acme-dev-lake-curated\/\S+ answered 403/);
  }, TIMEOUT);
});

describe("Azure-shaped plan with one wire broken", () => {
  it("the migration Job's pod without the azure.workload.identity/use label: the webhook injects nothing, and the Job exits 2 naming AZURE_CLIENT_ID", async () => {
    const plan = structuredClone(syntheticAzurePlan(aws)) as PlanReport & { resources: PlanResource[] };
    for (const r of plan.resources.filter((r) => r.type === "kubernetes:batch/v1:Job")) delete (r.inputs as Inputs)["spec"].template.metadata.labels["azure.workload.identity/use"];
    const s = await start(plan, "azure");
    await expect(migrationsApply(s)).rejects.toThrow(/^Job orders-migrate-[0-9a-f]{12}: .* exited 2:[\s\S]*AZURE_CLIENT_ID is not set; expected the managed identity's client id/);
  }, TIMEOUT);

  it("orders' federated credential for another subject: Entra refuses the exchange, and the Job says so", async () => {
    const plan = edit(syntheticAzurePlan(aws), "azure-native:managedidentity:FederatedIdentityCredential", "orders", (i) => (i["subject"] = "system:serviceaccount:acme-dev:order"));
    const s = await start(plan, "azure");
    await expect(migrationsApply(s)).rejects.toThrow(/^Job orders-migrate-[0-9a-f]{12}: .* exited 1:[\s\S]*AADSTS70021: No matching federated identity record found for presented assertion/);
  }, TIMEOUT);

  it("the ETL's target naming a container the account does not have: Blob Storage answers 404, and the Job fails naming it", async () => {
    const plan = structuredClone(syntheticAzurePlan(aws)) as PlanReport & { resources: PlanResource[] };
    const cron = plan.resources.find((r) => r.type === "kubernetes:batch/v1:CronJob")!;
    const env = (cron.inputs as Inputs)["spec"].jobTemplate.spec.template.spec.containers[0].env as { name: string; value: string }[];
    env.find((e) => e.name === "PIPELINE_TARGET_URL")!.value = "https://acmedevlake.blob.core.windows.net/curated-elsewhere";
    const s = await start(plan, "azure");
    await expect(etlWritesStarSchema(s)).rejects.toThrow(/^CronJob etl \(.*PIPELINE_TARGET_URL=https:\/\/acmedevlake\.blob\.core\.windows\.net\/curated-elsewhere\): command \["node","etl.js"\] exited 1:[\s\S]*etl: Blob Storage: put https:\/\/acmedevlake\.blob\.core\.windows\.net\/curated-elsewhere\/\S+ answered 404 ContainerNotFound/);
  }, TIMEOUT);
});
