import { beforeAll, expect, test } from "vitest";
import { Platform } from "../platform.ts";
import { takeWarnings } from "../warnings.ts";
import type { CloudDrivers } from "../clouds/drivers.ts";
import type { Recording } from "../../lib/plan/record.ts";
import { exampleSpec, fakeKeyArn, recordFor } from "../kubernetes/testing/fixture.ts";
import { fakeAwsDrivers } from "../kubernetes/testing/fake-drivers.ts";
import { awsLake } from "./lake/aws.ts";
import { awsDatabase } from "./database/aws.ts";
import { awsWarehouse } from "./warehouse/aws.ts";

/**
 * Grants flow to the resource granted: the workloads' identities are made first, and the lake, database and
 * warehouse drivers each attach exactly the access the spec gives a workload to that workload's role, on their
 * own resources. The rest of the platform is faked; these three drivers are AWS's.
 */
const drivers: CloudDrivers = { ...fakeAwsDrivers, data: { ...fakeAwsDrivers.data, lake: awsLake, database: awsDatabase, warehouse: awsWarehouse } };
const spec = exampleSpec("dev-aws", {
  web: {
    services: [
      { name: "api", path: "examples/api", port: 8080, public: true, host: "api.dev.acme.example.com", talksTo: ["orders"], dataAccess: { lake: { curated: "read" } } },
      { name: "orders", path: "examples/orders", port: 8080, dataAccess: { database: "readwrite" }, migrations: { command: ["node", "migrate.js"] } },
      { name: "loader", path: "examples/loader", port: 8080, dataAccess: { lake: { raw: "readwrite" }, warehouse: "read" } },
    ],
  },
  data: { database: { name: "orders" }, lake: { zones: ["raw", "curated"] }, warehouse: { enabled: true }, pipelines: [{ name: "etl", schedule: "0 2 * * *", source: "raw", target: "curated" }] },
});

let plan: Recording;
beforeAll(async () => {
  takeWarnings();
  plan = await recordFor(spec, async () => new Platform(spec.name, { spec, drivers }).outputs);
  takeWarnings();
});

const grantsOn = (role: string) => plan.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.inputs["role"] === role);
const policy = (name: string) => {
  const found = plan.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.name === name);
  if (!found) throw new Error(`no role policy ${name}`);
  return { parent: found.parent, statements: JSON.parse(String(found.inputs["policy"])).Statement };
};
const lakeKey = fakeKeyArn("lake");

test("read on a lake zone: list the zone's bucket, get its objects, decrypt with the lake key; made by the lake", () => {
  expect(grantsOn("acme-dev-api").map((r) => r.name)).toEqual(["acme-dev-api-lake"]);
  const { parent, statements } = policy("acme-dev-api-lake");
  expect(parent).toMatch(/stratum:data:Lake::data-lake$/);
  expect(statements).toEqual([
    { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::acme-dev-lake-curated"] },
    { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::acme-dev-lake-curated/*"] },
    { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [lakeKey] },
  ]);
});

test("database access: rds-db:connect as the workload's own database user on the one instance; made by the database", () => {
  expect(grantsOn("acme-dev-orders").map((r) => r.name)).toEqual(["acme-dev-orders-database"]);
  const { parent, statements } = policy("acme-dev-orders-database");
  expect(parent).toMatch(/stratum:data:Database::data-database$/);
  expect(statements).toEqual([{ Effect: "Allow", Action: ["rds-db:connect"], Resource: [expect.stringMatching(/^arn:aws:rds-db:us-east-1:000000000000:dbuser:db-[A-Z0-9]+\/orders$/)] }]);
});

test("readwrite adds put, delete and data keys; warehouse access is credentials on the one workgroup, each from its own capability", () => {
  expect(grantsOn("acme-dev-loader").map((r) => r.name).sort()).toEqual(["acme-dev-loader-lake", "acme-dev-loader-warehouse"]);
  expect(policy("acme-dev-loader-lake").statements).toEqual([
    { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::acme-dev-lake-raw"] },
    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: ["arn:aws:s3:::acme-dev-lake-raw/*"] },
    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [lakeKey] },
  ]);
  const warehouse = policy("acme-dev-loader-warehouse");
  expect(warehouse.parent).toMatch(/stratum:data:Warehouse::data-warehouse$/);
  expect(warehouse.statements).toEqual([{ Effect: "Allow", Action: ["redshift-serverless:GetCredentials"], Resource: [expect.stringMatching(/^arn:aws:redshift-serverless:us-east-1:000000000000:workgroup\//)] }]);
});

test("a pipeline may read exactly its source zone and read and write exactly its target zone; nothing else", () => {
  expect(grantsOn("acme-dev-etl").map((r) => r.name)).toEqual(["acme-dev-etl-lake"]);
  expect(policy("acme-dev-etl-lake").statements).toEqual([
    { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::acme-dev-lake-raw"] },
    { Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::acme-dev-lake-raw/*"] },
    { Effect: "Allow", Action: ["s3:ListBucket"], Resource: ["arn:aws:s3:::acme-dev-lake-curated"] },
    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: ["arn:aws:s3:::acme-dev-lake-curated/*"] },
    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [lakeKey] },
  ]);
});

test("no grant has a wildcard action or a wildcard resource beyond a bucket's own objects, and nobody ungranted is granted", () => {
  const grants = plan.resources.filter((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && /-(lake|database|warehouse)$/.test(r.name));
  expect(new Set(grants.map((r) => r.inputs["role"]))).toEqual(new Set(["acme-dev-api", "acme-dev-orders", "acme-dev-loader", "acme-dev-etl"]));
  for (const r of grants) {
    for (const s of JSON.parse(String(r.inputs["policy"])).Statement) {
      expect(s.Action.join(","), r.name).not.toContain("*");
      for (const resource of s.Resource) expect(resource.replace(/\/\*$/, ""), r.name).not.toContain("*");
    }
  }
});
