import { beforeAll, describe, expect, test } from "vitest";
import { exampleSpec, planWorkloads, type WorkloadsPlan } from "./testing/fixture.ts";
import { schemaErrors, unknownKeys } from "./testing/openapi.ts";

const stacks = ["dev-aws", "prod-aws"] as const;
const plans: Record<string, WorkloadsPlan> = {};

beforeAll(async () => {
  for (const stack of stacks) plans[stack] = await planWorkloads(exampleSpec(stack));
});

describe.each(stacks)("every Kubernetes manifest of %s", (stack) => {
  const manifests = () => plans[stack]!.resources.filter((r) => r.type.startsWith("kubernetes:"));

  test("validates against the Kubernetes OpenAPI schema", async () => {
    expect(manifests().length).toBeGreaterThan(10);
    for (const r of manifests()) expect(await schemaErrors(r.type, r.inputs), `${r.type} ${r.name}`).toEqual([]);
  });

  test("has no key the schema does not define", () => {
    for (const r of manifests()) expect(unknownKeys(r.type, r.inputs), `${r.type} ${r.name}`).toEqual([]);
  });
});

describe("the offline schema check itself", () => {
  const deployment = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: "x", labels: { any: "label" } },
    spec: { selector: {}, template: { spec: { containers: [{ name: "c", image: "i", imagePullPolicyy: "Always", ports: [{ containerPort: 8080, port: 80 }] }] } } },
  };

  test("reports keys the schema does not define, at any depth, and allows any key in a map", () => {
    expect(unknownKeys("kubernetes:apps/v1:Deployment", { ...deployment, extra: true })).toEqual([
      "spec.template.spec.containers[0].imagePullPolicyy",
      "spec.template.spec.containers[0].ports[0].port",
      "extra",
    ]);
  });

  test("reports values of the wrong type", async () => {
    expect(await schemaErrors("kubernetes:apps/v1:Deployment", { ...deployment, spec: { ...deployment.spec, replicas: "three" } })).not.toEqual([]);
  });
});

describe("what each example workload gets", () => {
  const kindsOf = (plan: WorkloadsPlan, workload: string) =>
    plan.resources.filter((r) => r.parent?.endsWith(`stratum:kubernetes:Workload::${workload}`)).map((r) => r.type.split(":").pop()).sort();

  test("dev-aws: api is public, orders migrates, nothing calls the in-cluster model (no policy opens it); no PodDisruptionBudget in dev", () => {
    const plan = plans["dev-aws"]!;
    expect(kindsOf(plan, "api")).toEqual(["Deployment", "HorizontalPodAutoscaler", "Ingress", "NetworkPolicy", "NetworkPolicy", "Service", "ServiceAccount"]);
    expect(kindsOf(plan, "orders")).toEqual(["Deployment", "HorizontalPodAutoscaler", "Job", "NetworkPolicy", "NetworkPolicy", "NetworkPolicy", "Service", "ServiceAccount"]);
    expect(kindsOf(plan, "recommender")).toEqual(["Deployment", "HorizontalPodAutoscaler", "Service", "ServiceAccount"]);
  });

  test("prod-aws: a PodDisruptionBudget per workload; the managed model is not on the cluster", () => {
    const plan = plans["prod-aws"]!;
    expect(kindsOf(plan, "api")).toContain("PodDisruptionBudget");
    expect(kindsOf(plan, "orders")).toContain("PodDisruptionBudget");
    expect(plan.resources.some((r) => r.name === "recommender")).toBe(false);
  });

  test("the namespace enforces the restricted Pod Security Standard", () => {
    const namespace = plans["dev-aws"]!.resources.find((r) => r.type === "kubernetes:core/v1:Namespace")!;
    expect(namespace.inputs).toMatchObject({ metadata: { name: "acme-dev", labels: { "pod-security.kubernetes.io/enforce": "restricted" } } });
  });

  test("the HorizontalPodAutoscaler follows the spec's replicas and the Deployment leaves replicas to it", () => {
    const plan = plans["prod-aws"]!;
    const hpa = plan.resources.find((r) => r.type.endsWith(":HorizontalPodAutoscaler") && r.name === "api")!;
    expect(hpa.inputs).toMatchObject({ spec: { minReplicas: 3, maxReplicas: 10, scaleTargetRef: { kind: "Deployment", name: "api" } } });
    const deployment = plan.resources.find((r) => r.type.endsWith(":Deployment") && r.name === "api")!;
    expect((deployment.inputs["spec"] as Record<string, unknown>)["replicas"]).toBeUndefined();
  });

  test("public services get an Ingress with TLS from cert-manager; internal ones none", () => {
    const ingresses = plans["dev-aws"]!.resources.filter((r) => r.type.endsWith(":Ingress"));
    expect(ingresses.map((r) => r.name)).toEqual(["api"]);
    expect(ingresses[0]!.inputs).toMatchObject({
      metadata: { annotations: { "cert-manager.io/cluster-issuer": "letsencrypt" } },
      spec: { ingressClassName: "nginx", tls: [{ hosts: ["api.dev.acme.example.com"], secretName: "api-tls" }] },
    });
  });
});
