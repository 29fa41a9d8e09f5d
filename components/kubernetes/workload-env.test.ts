import { describe, expect, test } from "vitest";
import { awsWorkloadWiring } from "../clouds/aws/workload-wiring.ts";
import { wiredWorkloads } from "../wiring/workloads.ts";
import { exampleSpec } from "./testing/fixture.ts";
import { envNamePart, migrationEnv, workloadEnv, type EnvVar, type WiringValues } from "./workload-env.ts";

/** The tiers' outputs as the offline plan of each example stack resolves them. */
const valuesOf = (env: "dev" | "prod"): WiringValues => ({
  region: "us-east-1",
  namespace: `acme-${env}`,
  database: { host: `acme-${env}-orders.rds.us-east-1.offline.invalid`, port: 5432, name: "orders" },
  lakeZones: { raw: `acme-${env}-lake-raw`, curated: `acme-${env}-lake-curated` },
  artifactsLocation: `acme-${env}-model-artifacts`,
  warehouseEndpoint: `acme-${env}-warehouse.redshift-serverless.us-east-1.offline.invalid`,
});

const envOf = (stack: "dev-aws" | "prod-aws", overrides: Partial<WiringValues> = {}, specOverrides: Record<string, unknown> = {}): Record<string, EnvVar[]> => {
  const env = stack === "dev-aws" ? "dev" : "prod";
  const workloads = wiredWorkloads(exampleSpec(stack, specOverrides));
  return Object.fromEntries(workloads.map((w) => [w.name, workloadEnv(w, workloads, { ...valuesOf(env), ...overrides }, awsWorkloadWiring)]));
};
const asPairs = (env: readonly EnvVar[]) => env.map((e) => `${e.name}=${e.value}`);

describe.each([["dev-aws", "dev"], ["prod-aws", "prod"]] as const)("the exact environment of each %s workload", (stack, env) => {
  const all = () => envOf(stack);

  test("api: its port, the curated zone it reads, the orders service it calls, the region", () => {
    expect(asPairs(all()["api"]!)).toEqual([
      "PORT=8080",
      `LAKE_CURATED_URL=s3://acme-${env}-lake-curated`,
      `SERVICE_ORDERS_URL=http://orders.acme-${env}.svc.cluster.local:8080`,
      "AWS_REGION=us-east-1",
    ]);
  });

  test("orders: its port and its database connection as its own user, by IAM auth over TLS, no password", () => {
    expect(asPairs(all()["orders"]!)).toEqual([
      "PORT=8080",
      `DATABASE_HOST=acme-${env}-orders.rds.us-east-1.offline.invalid`,
      "DATABASE_PORT=5432",
      "DATABASE_NAME=orders",
      "DATABASE_USER=orders",
      "DATABASE_AUTH=aws-iam",
      "DATABASE_SSLMODE=require",
      "AWS_REGION=us-east-1",
    ]);
  });

  test("recommender (in-cluster in dev, managed in prod): port 8080 and its artifacts location", () => {
    expect(asPairs(all()["recommender"]!)).toEqual(["PORT=8080", `MODEL_ARTIFACTS_URL=s3://acme-${env}-model-artifacts/recommender/`, "AWS_REGION=us-east-1"]);
  });

  test("etl: the zones it is granted, its source and target, no port", () => {
    expect(asPairs(all()["etl"]!)).toEqual([
      `LAKE_CURATED_URL=s3://acme-${env}-lake-curated`,
      `LAKE_RAW_URL=s3://acme-${env}-lake-raw`,
      `PIPELINE_SOURCE_URL=s3://acme-${env}-lake-raw`,
      `PIPELINE_TARGET_URL=s3://acme-${env}-lake-curated`,
      "AWS_REGION=us-east-1",
    ]);
  });
});

describe("what changes the environment", () => {
  test("a migration Job gets its service's environment without what only a server uses: no PORT, no service URL", () => {
    const env = envOf("dev-aws", {}, {
      web: { services: [{ name: "api", path: "examples/api", port: 8080 }, { name: "orders", path: "examples/orders", port: 8080, talksTo: ["api"], dataAccess: { database: "readwrite" }, migrations: { command: ["node", "migrate.js"] } }] },
    });
    expect(asPairs(env["orders"]!)).toContain("SERVICE_API_URL=http://api.acme-dev.svc.cluster.local:8080");
    expect(asPairs(migrationEnv(env["orders"]!))).toEqual(asPairs(env["orders"]!).filter((p) => !p.startsWith("PORT=") && !p.startsWith("SERVICE_")));
    expect(migrationEnv(env["orders"]!).map((e) => e.name)).toEqual(["DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER", "DATABASE_AUTH", "DATABASE_SSLMODE", "AWS_REGION"]);
  });

  test("a review environment's schema is given only to workloads granted the database", () => {
    const env = envOf("dev-aws", { namespace: "pr-42", databaseSchema: "pr_42" });
    expect(asPairs(env["orders"]!)).toContain("DATABASE_SCHEMA=pr_42");
    expect(asPairs(env["api"]!)).toContain("SERVICE_ORDERS_URL=http://orders.pr-42.svc.cluster.local:8080");
    for (const name of ["api", "recommender", "etl"]) expect(env[name]!.map((e) => e.name)).not.toContain("DATABASE_SCHEMA");
    expect(envOf("dev-aws")["orders"]!.map((e) => e.name)).not.toContain("DATABASE_SCHEMA");
  });

  test("names come from the spec: a hyphenated zone or service becomes upper snake case, a callee's own port is used", () => {
    expect(envNamePart("fraud-scores")).toBe("FRAUD_SCORES");
    const env = envOf("dev-aws", { lakeZones: { raw: "r", curated: "c", "fraud-scores": "f" } }, {
      data: { database: { name: "orders" }, lake: { zones: ["raw", "curated", "fraud-scores"] }, pipelines: [{ name: "scores", schedule: "0 * * * *", source: "fraud-scores", target: "fraud-scores" }] },
      web: { services: [{ name: "api", path: "examples/api", port: 8080, talksTo: ["order-book"] }, { name: "order-book", path: "examples/orders", port: 9090, dataAccess: { lake: { "fraud-scores": "read" } } }] },
    });
    expect(asPairs(env["api"]!)).toEqual(["PORT=8080", "SERVICE_ORDER_BOOK_URL=http://order-book.acme-dev.svc.cluster.local:9090", "AWS_REGION=us-east-1"]);
    expect(asPairs(env["order-book"]!)).toEqual(["PORT=9090", "LAKE_FRAUD_SCORES_URL=s3://f", "AWS_REGION=us-east-1"]);
    expect(asPairs(env["scores"]!)).toEqual(["LAKE_FRAUD_SCORES_URL=s3://f", "PIPELINE_SOURCE_URL=s3://f", "PIPELINE_TARGET_URL=s3://f", "AWS_REGION=us-east-1"]);
  });

  test("a pipeline into the warehouse gets the warehouse's URL as its target", () => {
    const env = envOf("dev-aws", {}, { data: { database: { name: "orders" }, lake: { zones: ["raw", "curated"] }, warehouse: { enabled: true }, pipelines: [{ name: "load", schedule: "0 3 * * *", source: "curated", target: "warehouse" }] } });
    expect(asPairs(env["load"]!)).toEqual([
      "LAKE_CURATED_URL=s3://acme-dev-lake-curated",
      "PIPELINE_SOURCE_URL=s3://acme-dev-lake-curated",
      "PIPELINE_TARGET_URL=redshift://acme-dev-warehouse.redshift-serverless.us-east-1.offline.invalid:5439/analytics",
      "AWS_REGION=us-east-1",
    ]);
  });

  test("the cloud's part comes from the cloud's wiring, not from the module", () => {
    const workloads = wiredWorkloads(exampleSpec("dev-aws"));
    const orders = workloads.find((w) => w.name === "orders")!;
    const other = { databaseAuth: "gcp-iam", databaseUser: (w: string) => `${w}-sa@example-project.iam`, storageUrl: (b: string) => `gs://${b}`, warehouseUrl: (e: string) => e, regionVariables: (r: string) => ({ GOOGLE_CLOUD_REGION: r }) };
    const env = asPairs(workloadEnv(orders, workloads, valuesOf("dev"), other));
    expect(env).toContain("DATABASE_AUTH=gcp-iam");
    expect(env).toContain("GOOGLE_CLOUD_REGION=us-east-1");
    expect(env).toContain("DATABASE_USER=orders-sa@example-project.iam");
    expect(env.some((e) => e.startsWith("AWS_"))).toBe(false);
  });

  test("a grant whose target the tiers did not produce is a bug, not a silently missing variable", () => {
    const workloads = wiredWorkloads(exampleSpec("dev-aws"));
    const orders = workloads.find((w) => w.name === "orders")!;
    const { database: _database, ...noDatabase } = valuesOf("dev");
    expect(() => workloadEnv(orders, workloads, noDatabase, awsWorkloadWiring)).toThrow(/orders: granted database access, but the stack has no database/);
    const etl = workloads.find((w) => w.name === "etl")!;
    expect(() => workloadEnv(etl, workloads, { ...valuesOf("dev"), lakeZones: { raw: "r" } }, awsWorkloadWiring)).toThrow(/etl: granted lake zone "curated"/);
  });

  test("no value is a secret: nothing names a password, a secret or a token", () => {
    for (const stack of ["dev-aws", "prod-aws"] as const) {
      for (const env of Object.values(envOf(stack))) for (const e of env) expect(`${e.name}=${e.value}`).not.toMatch(/password|secret|token/i);
    }
  });
});
