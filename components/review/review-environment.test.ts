import * as pulumi from "@pulumi/pulumi";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { recordProgram } from "../../lib/plan/record.ts";
import { awsOffline } from "../clouds/aws/offline.ts";
import { prepareStack } from "../../lib/plan/prepare-stack.ts";
import { stackReferencesFor } from "../../lib/plan/stack-references.ts";
import { isCloudResource } from "../../lib/plan/tiers.ts";
import { compareText } from "../../lib/text/text-order.ts";
import { isUserInputError } from "../../lib/cli/errors.ts";
import { planReviewFixture, reviewStackRoot } from "../../test/support/review-stack.ts";
import { specFromConfig } from "../spec/index.ts";
import { readStackConfig } from "../../lib/stack-config/stack-config.ts";
import { baseStackOutputs } from "./base-stack.ts";
import { reviewStackOf } from "./names.ts";

let review: PlanReport;
let base: PlanReport;
beforeAll(async () => {
  ({ review, base } = await planReviewFixture());
}, 120_000);

const ofType = (plan: PlanReport, type: string) => plan.resources.filter((r) => r.type === type);
const metadata = (r: PlanResource) => r.inputs["metadata"] as { name: string; namespace?: string; labels?: Record<string, string> };
const containersOf = (r: PlanResource) => ((r.inputs as any).spec.template.spec.containers as { name: string; image: string; command?: string[]; env?: { name: string; value: string }[] }[]);
const digest = (n: string) => `sha256:${n.repeat(64)}`;

describe("the review fixture pr-123 plans offline to the pull request's workloads", () => {
  it("creates no cloud infrastructure: its only cloud resources are Pod Identity associations", () => {
    const cloud = review.resources.filter(isCloudResource).filter((r) => !r.type.startsWith("kubernetes:"));
    expect(cloud.map((r) => r.type)).toEqual(["aws:eks/podIdentityAssociation:PodIdentityAssociation", "aws:eks/podIdentityAssociation:PodIdentityAssociation"]);
    expect(review.resources.some((r) => r.type.startsWith("stratum:infra:") || r.type.startsWith("stratum:data:"))).toBe(false);
    expect(review.violations).toEqual([]);
  });

  it("puts every Kubernetes object in namespace pr-123 under the restricted Pod Security Standard, and nothing cluster-wide", () => {
    const kubernetes = review.resources.filter((r) => r.type.startsWith("kubernetes:"));
    const namespace = ofType(review, "kubernetes:core/v1:Namespace");
    expect(namespace.map(metadata)).toEqual([expect.objectContaining({ name: "pr-123", labels: expect.objectContaining({ "pod-security.kubernetes.io/enforce": "restricted" }) })]);
    for (const r of kubernetes.filter((k) => k.type !== "kubernetes:core/v1:Namespace")) expect(metadata(r).namespace, `${r.type} ${r.name}`).toBe("pr-123");
    expect(kubernetes.filter((r) => /ClusterRole|ValidatingAdmission|RoleBinding|:Role$/.test(r.type))).toEqual([]);
  });

  it("runs exactly the spec's services, migration Job and in-cluster model; no pipeline, no managed model", () => {
    expect(ofType(review, "kubernetes:apps/v1:Deployment").map((r) => r.name).sort()).toEqual(["api", "orders", "recommender"]);
    expect(ofType(review, "kubernetes:batch/v1:Job").map((r) => r.name)).toEqual(["orders-migrate-222222222222"]);
    expect(review.resources.filter((r) => /CronJob|sagemaker|glue/.test(r.type))).toEqual([]);
  });

  it("binds each granted workload's ServiceAccount in pr-123 to the base stack's role for that workload, in the base cluster", () => {
    const roles = base.outputs["workloadRoles"] as Record<string, string>;
    const associations = ofType(review, "aws:eks/podIdentityAssociation:PodIdentityAssociation").map((r) => r.inputs).sort((a, b) => compareText(String(a["serviceAccount"]), String(b["serviceAccount"])));
    expect(associations).toEqual([
      expect.objectContaining({ clusterName: base.outputs["clusterName"], namespace: "pr-123", serviceAccount: "api", roleArn: roles["api"] }),
      expect.objectContaining({ clusterName: base.outputs["clusterName"], namespace: "pr-123", serviceAccount: "orders", roleArn: roles["orders"] }),
    ]);
  });

  it("runs the pull request's digests from the dev registry; an unchanged workload without a base image gets the placeholder and a warning", () => {
    const urls = base.outputs["registryUrls"] as Record<string, string>;
    const images = Object.fromEntries(ofType(review, "kubernetes:apps/v1:Deployment").map((r) => [r.name, containersOf(r)[0]!.image]));
    expect(images).toEqual({ api: `${urls["api"]}@${digest("1")}`, orders: `${urls["orders"]}@${digest("2")}`, recommender: `${urls["recommender"]}@${digest("0")}` });
    expect(containersOf(ofType(review, "kubernetes:batch/v1:Job")[0]!)[0]!.image).toBe(`${urls["orders"]}@${digest("2")}`);
    expect(review.warnings).toEqual([expect.stringMatching(/^recommender: no image digest/)]);
  });

  it("sets DATABASE_SCHEMA=pr_123 in every workload granted the database, servers and migrations alike, and in no other", () => {
    const schemaOf = (r: PlanResource) => containersOf(r)[0]!.env?.filter((e) => e.name === "DATABASE_SCHEMA").map((e) => e.value);
    const pods = [...ofType(review, "kubernetes:apps/v1:Deployment"), ...ofType(review, "kubernetes:batch/v1:Job")];
    expect(Object.fromEntries(pods.map((r) => [r.name, schemaOf(r) ?? []]))).toEqual({ api: [], recommender: [], orders: ["pr_123"], "orders-migrate-222222222222": ["pr_123"] });
    const basePods = ofType(base, "kubernetes:apps/v1:Deployment");
    expect(basePods.flatMap((r) => schemaOf(r) ?? [])).toEqual([]);
  });

  it("has the base stack's NetworkPolicies (but its pipelines', which stay dev's), and a public host of its own", () => {
    const policies = (plan: PlanReport) => Object.fromEntries(ofType(plan, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map((r) => [metadata(r).name, r.inputs["spec"]]));
    const pipelines = new Set(base.resources.filter((r) => r.type === "kubernetes:batch/v1:CronJob").map((r) => metadata(r).name as string));
    expect(pipelines).toEqual(new Set(["etl"]));
    const ofWorkloads = Object.fromEntries(Object.entries(policies(base)).filter(([name]) => ![...pipelines].some((p) => name.startsWith(`${p}-`))));
    expect(policies(review)).toEqual(ofWorkloads);
    const ingress = ofType(review, "kubernetes:networking.k8s.io/v1:Ingress").map((r) => (r.inputs as any).spec.rules[0].host);
    expect(ingress).toEqual(["pr-123-api.dev.acme.example.com"]);
    expect(review.outputs).toMatchObject({ namespace: "pr-123", databaseSchema: "pr_123", baseStack: "dev-aws", serviceUrls: { api: "https://pr-123-api.dev.acme.example.com" } });
  });

  it("reads only outputs the base stack exports", () => {
    for (const name of baseStackOutputs) expect(base.outputs, name).toHaveProperty(name);
    expect(base.outputs["kubeconfig"]).toBe("[secret]");
  });
});

describe("the teardown update (stratum:review.teardown)", () => {
  it("replaces the migration Job with one that drops pr_123, and changes nothing else", async () => {
    const teardown = (await planReviewFixture(reviewStackRoot({ "stratum:review": { pullRequest: 123, baseStack: "dev-aws", teardown: true } }))).review;
    const job = ofType(teardown, "kubernetes:batch/v1:Job");
    expect(job.map((r) => containersOf(r)[0]!.command)).toEqual([["node", "migrate.js", "--drop-schema"]]);
    expect(containersOf(job[0]!)[0]!.env).toContainEqual({ name: "DATABASE_SCHEMA", value: "pr_123" });
    const withoutJobs = (plan: PlanReport) => plan.resources.filter((r) => r.type !== "kubernetes:batch/v1:Job" && !r.type.startsWith("stratum:review")).map((r) => [r.type, r.name, r.inputs]);
    expect(withoutJobs(teardown)).toEqual(withoutJobs(review));
  });
});

describe("stack references offline", () => {
  it("a reference to a stack the plan was not given fails the plan, naming it", async () => {
    const program = async () => {
      const ref = new pulumi.StackReference("elsewhere", { name: "acme/stratum/elsewhere" });
      return { host: ref.getOutput("databaseHost") };
    };
    await expect(recordProgram({ project: "stratum", stack: "pr-1", config: {}, region: "us-east-1", offline: awsOffline, program, stackReferences: { "dev-aws": { databaseHost: "db" } } }))
      .rejects.toThrow(/no outputs for the stack reference "acme\/stratum\/elsewhere" \(it has dev-aws\)/);
  });

  it("a review stack whose base is not in stacks/ is bad input, before anything is planned", async () => {
    const root = reviewStackRoot();
    const file = join(root, "stacks", "Pulumi.pr-123.yaml");
    const config = readStackConfig(root, "pr-123");
    writeFileSync(file, `config:\n${Object.entries(config.values).map(([k, v]) => `  ${k}: ${JSON.stringify(k === "stratum:review" ? JSON.stringify({ pullRequest: 123, baseStack: "dev-gone" }) : v)}`).join("\n")}\n`);
    let planned = 0;
    const error = await stackReferencesFor(root, prepareStack(root, "pr-123"), new Map(), async () => {
      planned += 1;
      throw new Error("not reached");
    }).catch((e: unknown) => e);
    expect(isUserInputError(error)).toBe(true);
    expect(String((error as Error).message)).toMatch(/stratum:review\.baseStack: got "dev-gone", expected a stack in stacks\/ \(dev-aws, pr-123\)/);
    expect(planned).toBe(0);
  });
});

describe("a review stack's spec", () => {
  const config = (stack: string, review: unknown, environment = "dev") => {
    const { values } = readStackConfig(reviewStackRoot(), "pr-123");
    return specFromConfig({ ...values, "stratum:review": JSON.stringify(review), "stratum:environment": environment }, stack);
  };
  const problems = (run: () => unknown) => {
    try {
      run();
      return [];
    } catch (error) {
      if (!isUserInputError(error)) throw error;
      return error.problems;
    }
  };

  it("is named pr-<pullRequest>", () => {
    expect(reviewStackOf(config("pr-123", { pullRequest: 123, baseStack: "dev-aws" }))).toEqual({ pullRequest: 123, baseStack: "dev-aws", namespace: "pr-123", databaseSchema: "pr_123", teardown: false });
    expect(problems(() => reviewStackOf(config("pr-124", { pullRequest: 123, baseStack: "dev-aws" })))).toEqual([
      'stratum:review.pullRequest: got 123 in stack "pr-124", expected the stack to be named "pr-123" (review stacks are pr-<pullRequest>)',
    ]);
  });

  it("sets pullRequest and baseStack together, only with the dev profile", () => {
    expect(problems(() => config("pr-123", { pullRequest: 123 }))).toEqual(['stratum:review: got {"pullRequest":123}, expected pullRequest and baseStack together (a review stack) or neither']);
    expect(problems(() => config("pr-123", { pullRequest: 123, baseStack: "dev-aws" }, "prod"))[0]).toMatch(/^stratum:environment: got "prod", expected "dev"/);
    expect(problems(() => config("pr-123", { pullRequest: 123, baseStack: "dev aws; rm" }))[0]).toMatch(/^stratum:review\.baseStack: got "dev aws; rm"/);
  });

  it("is no review stack without them", () => {
    expect(reviewStackOf(config("dev-aws", { ttlHours: 24 }))).toBeUndefined();
  });
});
