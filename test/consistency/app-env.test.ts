import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { AppCopies } from "./app-copy.ts";
import { appEnvFindings, staleAllowances } from "./app-env.ts";
import { planAll, stackNames } from "./fixture.ts";
import { mutated } from "./plan-view.ts";

let plans: Map<string, PlannedStack>;
beforeAll(async () => {
  plans = await planAll();
});
const copies = new AppCopies();
afterAll(() => copies.removeAll());

describe.each(stackNames)("%s: the environment the platform sets is the environment the apps read", (stack) => {
  it("every name an app reads is set for its workload, and every name set is read, but for the commented allow-lists", () => {
    expect(appEnvFindings(plans.get(stack)!, repoRoot)).toEqual([]);
  });
});

it("no allow-list entry is left over: each is still needed by some example stack", () => {
  expect(staleAllowances([...plans.values()], repoRoot)).toEqual([]);
});

describe("the environment check on a broken wire (dev-aws)", () => {
  it("names the workload, the field and the value of a variable set that the app does not read", () => {
    const dev = plans.get("dev-aws")!;
    const extra = mutated(dev, "kubernetes:apps/v1:Deployment", "api", (i) => i["spec"].template.spec.containers[0].env.push({ name: "SERVICE_RECOMMENDER_URL", value: "http://recommender.acme-dev.svc.cluster.local:8080" }));
    expect(appEnvFindings(extra, repoRoot)).toEqual(["dev-aws Deployment api (api, examples/api): spec.template.spec.containers[0].env sets SERVICE_RECOMMENDER_URL=http://recommender.acme-dev.svc.cluster.local:8080, which server.js (and what it imports) never reads"]);
  });

  it("names a variable the app reads that the platform no longer sets, on the Deployment and the migration Job alike", () => {
    const dev = plans.get("dev-aws")!;
    const drop = (i: Record<string, any>) => {
      const c = i["spec"].template.spec.containers[0];
      c.env = c.env.filter((e: { name: string }) => e.name !== "DATABASE_SSLMODE");
    };
    const job = dev.resources.find((r) => r.type === "kubernetes:batch/v1:Job")!.name;
    const broken = mutated(mutated(dev, "kubernetes:apps/v1:Deployment", "orders", drop), "kubernetes:batch/v1:Job", job, drop);
    expect(appEnvFindings(broken, repoRoot)).toEqual([
      "dev-aws Deployment orders (orders, examples/orders): server.js (and what it imports) reads DATABASE_SSLMODE, which spec.template.spec.containers[0].env does not set",
      `dev-aws Job ${job} (orders, examples/orders): migrate.js (and what it imports) reads DATABASE_SSLMODE, which spec.template.spec.containers[0].env does not set`,
    ]);
  });

  it("compares a Job with what its command runs (migrate.js and its imports), not with the whole app: PORT is the server's", () => {
    const dev = plans.get("dev-aws")!;
    const job = dev.resources.find((r) => r.type === "kubernetes:batch/v1:Job")!.name;
    const withPort = mutated(dev, "kubernetes:batch/v1:Job", job, (i) => i["spec"].template.spec.containers[0].env.unshift({ name: "PORT", value: "8080" }));
    expect(appEnvFindings(withPort, repoRoot)).toEqual([`dev-aws Job ${job} (orders, examples/orders): spec.template.spec.containers[0].env sets PORT=8080, which migrate.js (and what it imports) never reads`]);
  });

  it("finds what a changed app reads in every form: process.env.X, process.env[\"X\"], destructuring", () => {
    const dev = plans.get("dev-aws")!;
    const root = copies.with("etl", "etl.js", (s) => `${s}\nconst tz = process.env["ETL_TIMEZONE"];\nconst { ETL_BATCH_SIZE, ETL_DRY_RUN: dryRun = "0" } = process.env;\nvoid [tz, ETL_BATCH_SIZE, dryRun, process.env.ETL_TRACE];\n`);
    expect(appEnvFindings(dev, root)).toEqual(["ETL_BATCH_SIZE", "ETL_DRY_RUN", "ETL_TIMEZONE", "ETL_TRACE"].map((n) => `dev-aws CronJob etl (etl, examples/etl): etl.js (and what it imports) reads ${n}, which spec.jobTemplate.spec.template.spec.containers[0].env does not set`));
  });

  it("names the managed endpoint's environment too (prod-aws)", () => {
    const prod = plans.get("prod-aws")!;
    const broken = mutated(prod, "aws:sagemaker/model:Model", "acme-prod-recommender-model", (i) => delete i["primaryContainer"].environment.PORT);
    expect(appEnvFindings(broken, repoRoot)).toEqual(["prod-aws managed model acme-prod-recommender (recommender, examples/model-server): server.js (and what it imports) reads PORT, which primaryContainer.environment does not set"]);
  });
});
