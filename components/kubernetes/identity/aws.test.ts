import { beforeAll, expect, test } from "vitest";
import { exampleSpec, fakeBucket, fakeDbiResourceId, fakeKeyArn, fakeWorkgroupArn, planWorkloads, type WorkloadsPlan } from "../testing/fixture.ts";
import { awsWorkloadIdentity, grantPolicy } from "./aws.ts";

let plan: WorkloadsPlan;
beforeAll(async () => {
  plan = await planWorkloads(exampleSpec("dev-aws", {
    web: {
      services: [
        { name: "api", path: "examples/api", port: 8080, public: true, host: "api.dev.acme.example.com", talksTo: ["orders"], dataAccess: { lake: { curated: "read" } } },
        { name: "orders", path: "examples/orders", port: 8080, dataAccess: { database: "readwrite" }, migrations: { command: ["node", "migrate.js"] } },
        { name: "loader", path: "examples/loader", port: 8080, dataAccess: { lake: { raw: "readwrite" }, warehouse: "read" } },
      ],
    },
  }));
});

const byType = (type: string) => plan.resources.filter((r) => r.type === type);
const policyOf = (workload: string) => JSON.parse(byType("aws:iam/rolePolicy:RolePolicy").find((r) => r.name === `acme-dev-${workload}`)!.inputs["policy"] as string);

test("each granted workload gets a role only EKS Pod Identity may assume, for its own cluster, namespace and service account", () => {
  const roles = byType("aws:iam/role:Role");
  expect(roles.map((r) => r.name).sort()).toEqual(["acme-dev-api", "acme-dev-etl", "acme-dev-loader", "acme-dev-orders"]);
  expect(JSON.parse(roles.find((r) => r.name === "acme-dev-api")!.inputs["assumeRolePolicy"] as string)).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Principal: { Service: "pods.eks.amazonaws.com" },
        Action: ["sts:AssumeRole", "sts:TagSession"],
        // A dev stack's roles also admit the service account in review namespaces (components/review/).
        Condition: {
          StringEquals: { "aws:RequestTag/eks-cluster-name": "acme-dev", "aws:RequestTag/kubernetes-service-account": "api" },
          StringLike: { "aws:RequestTag/kubernetes-namespace": ["acme-dev", "pr-*"] },
        },
      },
    ],
  });
});

test("the pod identity association binds the role to exactly the workload's service account", () => {
  const associations = byType("aws:eks/podIdentityAssociation:PodIdentityAssociation");
  expect(associations.find((r) => r.name === "acme-dev-orders")!.inputs).toMatchObject({ clusterName: "acme-dev", namespace: "acme-dev", serviceAccount: "orders" });
  expect(associations.find((r) => r.name === "acme-dev-etl")!.inputs).toMatchObject({ clusterName: "acme-dev", namespace: "acme-dev", serviceAccount: "etl" });
  expect(associations).toHaveLength(4);
});

test("read on a lake zone: list the zone's bucket, get its objects, decrypt with the lake key; nothing else", () => {
  expect(policyOf("api").Statement).toEqual([
    { Effect: "Allow", Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${fakeBucket("curated")}`] },
    { Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${fakeBucket("curated")}/*`] },
    { Effect: "Allow", Action: ["kms:Decrypt"], Resource: [fakeKeyArn("lake")] },
  ]);
});

test("database access: rds-db:connect as the workload's own database user on the one instance", () => {
  expect(policyOf("orders").Statement).toEqual([
    { Effect: "Allow", Action: ["rds-db:connect"], Resource: [`arn:aws:rds-db:us-east-1:000000000000:dbuser:${fakeDbiResourceId}/orders`] },
  ]);
});

test("readwrite adds put and delete and data keys; warehouse access is credentials on the one workgroup", () => {
  expect(policyOf("loader").Statement).toEqual([
    { Effect: "Allow", Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${fakeBucket("raw")}`] },
    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`arn:aws:s3:::${fakeBucket("raw")}/*`] },
    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [fakeKeyArn("lake")] },
    { Effect: "Allow", Action: ["redshift-serverless:GetCredentials"], Resource: [fakeWorkgroupArn] },
  ]);
});

test("a pipeline may read exactly its source zone and read and write exactly its target zone; nothing else", () => {
  expect(policyOf("etl").Statement).toEqual([
    { Effect: "Allow", Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${fakeBucket("raw")}`] },
    { Effect: "Allow", Action: ["s3:GetObject"], Resource: [`arn:aws:s3:::${fakeBucket("raw")}/*`] },
    { Effect: "Allow", Action: ["s3:ListBucket"], Resource: [`arn:aws:s3:::${fakeBucket("curated")}`] },
    { Effect: "Allow", Action: ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"], Resource: [`arn:aws:s3:::${fakeBucket("curated")}/*`] },
    { Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: [fakeKeyArn("lake")] },
  ]);
});

test("no policy anywhere has a wildcard action or resource beyond a bucket's own objects", () => {
  for (const r of byType("aws:iam/rolePolicy:RolePolicy")) {
    for (const s of JSON.parse(r.inputs["policy"] as string).Statement) {
      expect(s.Action.join(",")).not.toContain("*");
      for (const resource of s.Resource) expect(resource.replace(/\/\*$/, "")).not.toContain("*");
    }
  }
});

test("a workload granted nothing gets no cloud identity and no ServiceAccount annotation", () => {
  expect(plan.resources.filter((r) => r.parent?.endsWith("WorkloadIdentity::recommender-identity"))).toEqual([]);
  expect(byType("kubernetes:core/v1:ServiceAccount").every((r) => (r.inputs["metadata"] as Record<string, unknown>)["annotations"] === undefined)).toBe(true);
});

test("grantPolicy is empty when nothing is granted", () => {
  expect(grantPolicy({ buckets: [] })).toEqual({ Version: "2012-10-17", Statement: [] });
});
