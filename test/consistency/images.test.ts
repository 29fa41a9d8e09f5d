import { beforeAll, describe, expect, it } from "vitest";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import type { Workflow } from "../../workflows/model.ts";
import { generated, planAll, stackNames } from "./fixture.ts";
import { imageFindings } from "./images.ts";
import { mutated, runUnits } from "./plan-view.ts";

let plans: Map<string, PlannedStack>;
let all: Workflow[];
beforeAll(async () => {
  plans = await planAll();
  all = generated();
});

/**
 * Broken wires the check finds today and that are not fixed yet, per stack, each with why: the test asserts them
 * exactly, so fixing one fails here until its entry goes.
 */

describe.each(stackNames)("%s: images from the manifests to the registry to the publish job", (stack) => {
  it("every image is a planned repository of the stack's registry by digest, published and verified by the deploy", () => {
    const plan = plans.get(stack)!;
    expect(runUnits(plan).length).toBeGreaterThan(0);
    expect(imageFindings(plan, all)).toEqual([]);
  });
});

describe("the image check on a broken wire (dev-aws, prod-aws)", () => {
  const container = (path: string[]) => (inputs: Record<string, any>) => path.reduce((o, k) => o[k], inputs);

  it("names the workload, field and value of an image from another registry, a tag, or a repository the plan lacks", () => {
    const dev = plans.get("dev-aws")!;
    const ghcr = mutated(dev, "kubernetes:apps/v1:Deployment", "api", (i) => (container(["spec", "template", "spec", "containers"])(i)[0].image = "ghcr.io/acme/api@sha256:" + "a".repeat(64)));
    expect(imageFindings(ghcr, all)).toEqual([
      `dev-aws Deployment api (api): spec.template.spec.containers[0].image: "ghcr.io/acme/api" is not a registry repository in the plan (planned: ${Object.values(dev.outputs["registryUrls"] as object).sort().join(", ")})`,
      'dev-aws Deployment api (api): spec.template.spec.containers[0].image: "ghcr.io/acme/api" is not in the stack\'s registryUrls output',
    ]);
    const tagged = mutated(dev, "kubernetes:batch/v1:CronJob", "etl", (i) => (i["spec"].jobTemplate.spec.template.spec.containers[0].image = `${(dev.outputs["registryUrls"] as Record<string, string>)["etl"]}:latest`));
    expect(imageFindings(tagged, all)).toEqual([expect.stringMatching(/^dev-aws CronJob etl \(etl\): spec\.jobTemplate\.spec\.template\.spec\.containers\[0\]\.image: ".*acme-dev-etl:latest" is not pinned by digest/)]);
    const noRepository = { ...dev, resources: dev.resources.filter((r) => !(r.type === "aws:ecr/repository:Repository" && r.inputs["name"] === "acme-dev-orders")) };
    const lacking = imageFindings(noRepository, all);
    expect(lacking).toContain('dev-aws output registryUrls.orders: "000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-orders" is not a registry repository in the plan');
    expect(lacking).toEqual(expect.arrayContaining([expect.stringMatching(/^dev-aws Deployment orders \(orders\): .*acme-dev-orders" is not a registry repository/), expect.stringMatching(/^dev-aws Job orders-migrate-0+ \(orders\): /)]));
  });

  it("names the managed endpoint whose image is outside the stack's registry", () => {
    const prod = plans.get("prod-aws")!;
    const bad = mutated(prod, "aws:sagemaker/model:Model", "acme-prod-recommender-model", (i) => (i["primaryContainer"].image = "000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-recommender@sha256:" + "b".repeat(64)));
    expect(imageFindings(bad, all)[0]).toBe('prod-aws managed model acme-prod-recommender (recommender): primaryContainer.image: "000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-recommender" is not a registry repository in the plan (planned: ' + Object.values(prod.outputs["registryUrls"] as object).sort().join(", ") + ")");
  });

  it("names a workload the stack runs that the publish job does not copy, and a copy to another stack's registry", () => {
    const dev = plans.get("dev-aws")!;
    const withoutCopy = all.map((w) => (w.fileName !== "deploy.yml" ? w : { ...w, jobs: { ...w.jobs, "publish-dev-aws": { ...w.jobs["publish-dev-aws"]!, steps: w.jobs["publish-dev-aws"]!.steps.filter((s) => s.name !== "Copy etl into the registry") } } }));
    expect(imageFindings(dev, withoutCopy)).toEqual(['dev-aws deploy.yml#publish-dev-aws: no copy step for "etl", which the stack runs (000000000000.dkr.ecr.us-east-1.offline.invalid/acme-dev-etl)']);
    const otherRegistry = all.map((w) => (w.fileName !== "deploy.yml" ? w : { ...w, jobs: { ...w.jobs, "publish-dev-aws": { ...w.jobs["publish-dev-aws"]!, env: { ...w.jobs["publish-dev-aws"]!.env, REGISTRY_URLS: "${{ vars.STRATUM_PROD_AWS_REGISTRY_URLS }}" } } } }));
    expect(imageFindings(dev, otherRegistry)).toEqual(['dev-aws deploy.yml#publish-dev-aws: env.REGISTRY_URLS is "${{ vars.STRATUM_PROD_AWS_REGISTRY_URLS }}", expected ${{ vars.STRATUM_DEV_AWS_REGISTRY_URLS }} (this stack\'s repositories)']);
  });
});

describe("the image check on a broken wire (dev-gcp, prod-azure)", () => {
  it("names a pod whose image is in another project's repository (dev-gcp)", () => {
    const dev = plans.get("dev-gcp")!;
    const other = mutated(dev, "kubernetes:apps/v1:Deployment", "api", (i) => (i["spec"].template.spec.containers[0].image = "us-central1-docker.pkg.dev/acme-platform-prod/acme-prod-api/api@sha256:" + "a".repeat(64)));
    expect(imageFindings(other, all)[0]).toMatch(/^dev-gcp Deployment api \(api\): spec\.template\.spec\.containers\[0\]\.image: "us-central1-docker\.pkg\.dev\/acme-platform-prod\/acme-prod-api\/api" is not a registry repository in the plan/);
  });

  it("names an Azure ML deployment whose environment version the plan lacks (prod-azure)", () => {
    const prod = plans.get("prod-azure")!;
    const deployment = prod.resources.find((r) => r.type === "azure-native:machinelearningservices:OnlineDeployment")!.name;
    const lost = mutated(prod, "azure-native:machinelearningservices:OnlineDeployment", deployment, (i) => (i["properties"].environmentId = String(i["properties"].environmentId).replace(/versions\/.*$/, "versions/1")));
    expect(imageFindings(lost, all)[0]).toMatch(/^prod-azure managed model acme-prod-recommender \(recommender\): properties\.environmentId \(.*versions\/1: no planned environment version\): "undefined" is not pinned by digest/);
  });
});
