import { beforeAll, expect, test } from "vitest";
import { exampleSpec, planWorkloads, type WorkloadsPlan } from "../testing/fixture.ts";

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
  expect(associations.find((r) => r.name === "acme-dev-orders")!.inputs).toMatchObject({ clusterName: "acme-dev", namespace: "acme-dev", serviceAccount: "orders", roleArn: "arn:aws:iam::000000000000:role/acme-dev-workloads/acme-dev-orders" });
  expect(associations.find((r) => r.name === "acme-dev-etl")!.inputs).toMatchObject({ clusterName: "acme-dev", namespace: "acme-dev", serviceAccount: "etl" });
  expect(associations).toHaveLength(4);
});

test("the identity holds no permission of its own: the data capabilities grant it (components/data/grants-aws.test.ts)", () => {
  expect(byType("aws:iam/rolePolicy:RolePolicy")).toEqual([]);
  const parents = new Set(byType("aws:iam/role:Role").map((r) => r.parent));
  expect([...parents].every((p) => /stratum:kubernetes:WorkloadIdentities\$stratum:kubernetes:WorkloadIdentity::[a-z]+-identity$/.test(p ?? ""))).toBe(true);
});

test("a workload granted nothing gets no cloud identity and no ServiceAccount annotation", () => {
  expect(plan.resources.filter((r) => r.type === "stratum:kubernetes:WorkloadIdentity").map((r) => r.name).sort()).toEqual(["api-identity", "etl-identity", "loader-identity", "orders-identity"]);
  expect(byType("kubernetes:core/v1:ServiceAccount").every((r) => (r.inputs["metadata"] as Record<string, unknown>)["annotations"] === undefined)).toBe(true);
});
