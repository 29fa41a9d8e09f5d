import { beforeAll, describe, expect, test } from "vitest";
import type { PlanReport } from "../../lib/plan/model.ts";
import { schemaErrors, unknownKeys } from "./testing/openapi.ts";
import { examplePlan } from "../../test/support/example-plans.ts";

/** The whole program on the real AWS drivers, as `stratum plan` runs it. */
describe("stratum plan --stack dev-aws, end to end on the AWS drivers", () => {
  let report: PlanReport;
  beforeAll(async () => {
    report = await examplePlan("dev-aws");
  });

  test("lists each example workload's resources", () => {
    const under = (workload: string) =>
      report.resources.filter((r) => r.parent?.endsWith(`stratum:kubernetes:Workload::${workload}`)).map((r) => r.type.split(":").pop()).sort();
    expect(under("api")).toEqual(["Deployment", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "NetworkPolicy", "Service", "ServiceAccount"]);
    expect(under("orders")).toEqual(["Deployment", "HorizontalPodAutoscaler", "Job", "NetworkPolicy", "NetworkPolicy", "NetworkPolicy", "Service", "ServiceAccount"]);
    expect(under("recommender")).toEqual(["Deployment", "HorizontalPodAutoscaler", "Service", "ServiceAccount"]);
    // The identity is the role and its binding; its access is granted by the lake, on the lake's own resources.
    const identity = report.resources.filter((r) => r.parent?.endsWith("WorkloadIdentity::api-identity")).map((r) => r.type).sort();
    expect(identity).toEqual(["aws:eks/podIdentityAssociation:PodIdentityAssociation", "aws:iam/role:Role"]);
    const grant = report.resources.find((r) => r.type === "aws:iam/rolePolicy:RolePolicy" && r.inputs["role"] === "acme-dev-api")!;
    expect([grant.name, grant.parent?.split("$").pop()]).toEqual(["acme-dev-api-lake", "stratum:data:Lake::data-lake"]);
  });

  test("orders rolls out only after its migration Job, and the Job only after its namespace and service account", () => {
    const of = (type: string) => report.resources.find((r) => r.type === type && r.parent?.endsWith("stratum:kubernetes:Workload::orders"))!;
    const job = of("kubernetes:batch/v1:Job");
    expect(of("kubernetes:apps/v1:Deployment").dependencies).toContain(job.urn);
    expect(job.dependencies).toContain(of("kubernetes:core/v1:ServiceAccount").urn);
    expect(job.dependencies?.some((urn) => urn.endsWith("kubernetes:core/v1:Namespace::acme-dev"))).toBe(true);
  });

  test("every Kubernetes manifest is valid against the OpenAPI schema, with no unknown key", async () => {
    for (const r of report.resources.filter((x) => x.type.startsWith("kubernetes:"))) {
      expect(await schemaErrors(r.type, r.inputs), `${r.type} ${r.name}`).toEqual([]);
      expect(unknownKeys(r.type, r.inputs), `${r.type} ${r.name}`).toEqual([]);
    }
  });

  test("the plan reports the placeholder images", () => {
    expect(report.warnings.filter((w) => w.includes("no image digest")).map((w) => w.split(":")[0])).toEqual(["api", "etl", "orders", "recommender"]);
  });
});
