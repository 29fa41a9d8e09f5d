import { expect, test } from "vitest";
import { Platform } from "../platform.ts";
import { takeWarnings } from "../warnings.ts";
import { exampleSpec, recordFor } from "./testing/fixture.ts";
import { fakeAwsDrivers } from "./testing/fake-drivers.ts";
import { schemaErrors, unknownKeys } from "./testing/openapi.ts";
import { evaluatePlan, policyContextFromSpec } from "../../policy/evaluate.ts";

test("the Platform runs the workloads under the web tier, one Workloads component, labelled by the tag transform, still schema-valid", async () => {
  const spec = exampleSpec("dev-aws");
  takeWarnings();
  const { resources } = await recordFor(spec, async () => new Platform(spec.name, { spec, drivers: fakeAwsDrivers }).outputs);
  const workloads = resources.filter((r) => r.type === "stratum:kubernetes:Workloads");
  expect(workloads.map((r) => r.parent)).toEqual(["urn:pulumi:dev-aws::stratum::stratum:index:Platform$stratum:web:Web::web"]);
  const children = resources.filter((r) => r.type === "stratum:kubernetes:Workload").map((r) => r.name).sort();
  expect(children).toEqual(["api", "orders", "recommender"]);
  expect(resources.filter((r) => r.type === "stratum:kubernetes:Pipeline").map((r) => r.name)).toEqual(["etl"]);

  const manifests = resources.filter((r) => r.type.startsWith("kubernetes:"));
  for (const r of manifests) {
    expect((r.inputs["metadata"] as { labels?: Record<string, string> }).labels, `${r.type} ${r.name}`).toMatchObject({ "stratum.io/managed-by": "stratum", "stratum.io/environment": "dev" });
    expect(await schemaErrors(r.type, r.inputs), `${r.type} ${r.name}`).toEqual([]);
    expect(unknownKeys(r.type, r.inputs), `${r.type} ${r.name}`).toEqual([]);
  }
  expect(takeWarnings()).toHaveLength(4);

  // The policy pack's rules, evaluated offline on everything the Kubernetes tier planned (the fake drivers plan
  // nothing, so the stack-level audit rule is not this test's concern).
  const ours = resources.filter((r) => r.type.startsWith("kubernetes:") || r.parent?.includes("stratum:kubernetes:WorkloadIdentity"));
  const { violations } = evaluatePlan(ours, policyContextFromSpec(spec), [], new Date("2025-01-01"));
  expect(ours.length).toBeGreaterThan(30);
  expect(violations.filter((v) => v.rule !== "audit-logging")).toEqual([]);
});
