import { beforeAll, describe, expect, it } from "vitest";
import { checkPermissions, describeFinding, type PermissionReport } from "../../lib/permissions/check.ts";
import { checkRepositoryPermissions } from "../../lib/permissions/run.ts";
import { listStacks } from "../../lib/stack-config/stack-config.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import type { Workflow } from "../../workflows/model.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { access, job, jobsFor, loginAs, pushWorkflow, step, withoutResource, withoutStatement } from "./fixture.ts";
import { examplePlannedStack } from "../support/example-plans.ts";

const repository = "acme/platform";
const account = "000000000000";
let dev: PlanReport;
let prod: PlanReport;
let generated: Workflow[];

beforeAll(async () => {
  // One after the other: the mock runtime a plan runs under is process-wide.
  dev = await examplePlannedStack("dev-aws");
  prod = await examplePlannedStack("prod-aws");
  generated = jobsFor(workflows(workflowPlatform(loadStackSpecs(repoRoot))), ["dev-aws", "prod-aws"]);
});

const messages = (report: PermissionReport) => report.findings.map(describeFinding);
const allowedLines = (report: PermissionReport) => report.allowed.map((a) => `${a.job} / ${a.step}: ${a.action} on ${a.resource}`);
const check = (plans: readonly PlanReport[], all: readonly Workflow[] = generated) => checkPermissions(all, plans, repository);
const role = (name: string) => `arn:aws:iam::${account}:role/${name}`;

describe("offline permission check on the generated workflows", () => {
  it("passes on dev-aws and prod-aws: every login is trusted, every declared action allowed on its exact resource", async () => {
    const report = await check([dev, prod]);
    expect(messages(report)).toEqual([]);
    const login = (job: string) => report.logins.find((l) => l.job === job);
    expect(login("publish-dev-aws")).toMatchObject({ identity: role("acme-dev-publish"), subjects: [`repo:${repository}:ref:refs/heads/main`] });
    expect(login("deploy-dev-aws")).toMatchObject({ identity: role("acme-dev-deploy"), subjects: [`repo:${repository}:environment:staging`] });
    expect(login("deploy-prod-aws")).toMatchObject({ identity: role("acme-prod-deploy"), subjects: [`repo:${repository}:environment:production`] });
    expect(login("drift-prod-aws")).toMatchObject({ identity: role("acme-prod-preview"), subjects: [`repo:${repository}:environment:preview`] });
    expect(allowedLines(report)).toEqual(expect.arrayContaining([
      "publish-dev-aws / Log in to the stack's registry: ecr:GetAuthorizationToken on *",
      `publish-dev-aws / Copy api into the registry: ecr:PutImage on arn:aws:ecr:us-east-1:${account}:repository/acme-dev-api`,
      `deploy-dev-aws / Verify the signature of every image the stack will run: ecr:BatchGetImage on arn:aws:ecr:us-east-1:${account}:repository/acme-dev-orders`,
      "deploy-dev-aws / Upload the front end: s3:PutObject on arn:aws:s3:::acme-dev-site/*",
      `deploy-dev-aws / Upload the front end: kms:GenerateDataKey (needed by s3:PutObject on arn:aws:s3:::acme-dev-site/*) on arn:aws:kms:us-east-1:${account}:key/acme-dev-platform-key`,
      `deploy-dev-aws / Invalidate the CDN: cloudfront:CreateInvalidation on arn:aws:cloudfront::${account}:distribution/acme-dev-cdn`,
      `deploy-dev-aws / Update the stack: Kubernetes API (needed by eks:DescribeCluster on arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks) on arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks`,
      `deploy-prod-aws / Update the stack: sagemaker:UpdateEndpoint on arn:aws:sagemaker:us-east-1:${account}:endpoint/acme-prod-recommender`,
      `deploy-prod-aws / Update the stack: iam:PassRole (needed by sagemaker:CreateModel on arn:aws:sagemaker:us-east-1:${account}:model/acme-prod-recommender) on ${role("acme-prod-models-role")}`,
      `deploy-prod-aws / Update the stack: kms:CreateGrant (needed by sagemaker:CreateEndpointConfig on arn:aws:sagemaker:us-east-1:${account}:endpoint-config/acme-prod-recommender-config) on arn:aws:kms:us-east-1:${account}:key/acme-prod-ml-key`,
    ]));
    // The state backend predates the stacks: listed, never evaluated against a plan.
    expect(report.unevaluated).toContainEqual(expect.objectContaining({ job: "deploy-prod-aws", action: "s3:PutObject", resource: "pulumi-state" }));
  });

  it("fails naming the step, action, resource and identity when the publish role's push grant is removed", async () => {
    const report = await check([withoutStatement(dev, "acme-dev-publish-registry", "PushImages"), prod]);
    expect(messages(report)).toContain(
      `deploy.yml publish-dev-aws / Copy api into the registry: ecr:PutImage on arn:aws:ecr:us-east-1:${account}:repository/acme-dev-api is denied (ImplicitlyDenied) for ${role("acme-dev-publish")}`,
    );
    expect(new Set(report.findings.map((f) => f.job))).toEqual(new Set(["publish-dev-aws"]));
  });

  it("fails when the deploy role's CDN invalidation is removed, on that step only", async () => {
    const report = await check([dev, withoutStatement(prod, "acme-prod-deploy-site", "InvalidateCdn")]);
    expect(messages(report)).toEqual([
      `deploy.yml deploy-prod-aws / Invalidate the CDN: cloudfront:CreateInvalidation on arn:aws:cloudfront::${account}:distribution/acme-prod-cdn is denied (ImplicitlyDenied) for ${role("acme-prod-deploy")}`,
    ]);
  });

  it("fails on what an action brings with it: the site bucket's key, the model's execution role, the namespace access", async () => {
    const noKey = await check([withoutStatement(dev, "acme-dev-deploy-site", "KeysThroughS3"), prod]);
    expect(messages(noKey)).toEqual([
      `deploy.yml deploy-dev-aws / Upload the front end: kms:GenerateDataKey (needed by s3:PutObject on arn:aws:s3:::acme-dev-site/*) on arn:aws:kms:us-east-1:${account}:key/acme-dev-platform-key is denied (ImplicitlyDenied) for ${role("acme-dev-deploy")}`,
    ]);
    const noPass = await check([dev, withoutStatement(prod, "acme-prod-deploy-models", "PassModelsRole")]);
    expect(messages(noPass)).toEqual([
      `deploy.yml deploy-prod-aws / Update the stack: iam:PassRole (needed by sagemaker:CreateModel on arn:aws:sagemaker:us-east-1:${account}:model/acme-prod-recommender) on ${role("acme-prod-models-role")} is denied (ImplicitlyDenied) for ${role("acme-prod-deploy")}`,
    ]);
    const noCluster = await check([withoutResource(dev, "acme-dev-deploy-access-policy"), prod]);
    expect(messages(noCluster)).toEqual([
      `deploy.yml deploy-dev-aws / Update the stack: Kubernetes API (needed by eks:DescribeCluster on arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks) on arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks is denied: the cluster has no access entry with an access policy for the role for ${role("acme-dev-deploy")}`,
    ]);
  });
});

describe("offline permission check on the review workflow, against the dev stack's review identity", () => {
  const review = () => generated.filter((w) => w.fileName === "review.yml");

  it("every review job logs in as acme-dev-review from environment:review, and every declared action is allowed", async () => {
    expect(review()).toHaveLength(1);
    const report = await check([dev, prod], review());
    expect(messages(report)).toEqual([]);
    const jobs = report.logins.map((l) => l.job).sort();
    expect(jobs).toEqual(["down", "janitor", "publish", "up"]);
    for (const l of report.logins) expect(l, l.job).toMatchObject({ identity: role("acme-dev-review"), subjects: [`repo:${repository}:environment:review`] });
    expect(allowedLines(report)).toEqual(expect.arrayContaining([
      "publish / Log in to the stack's registry: ecr:GetAuthorizationToken on *",
      `publish / Copy api into the registry: ecr:PutImage on arn:aws:ecr:us-east-1:${account}:repository/acme-dev-api`,
      `publish / Copy orders into the registry: ecr:UploadLayerPart on arn:aws:ecr:us-east-1:${account}:repository/acme-dev-orders`,
      `up / Update the review stack: eks:CreatePodIdentityAssociation on arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks`,
      `up / Update the review stack: iam:PassRole (needed by eks:CreatePodIdentityAssociation on arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks) on ${role("acme-dev-workloads/acme-dev-orders")}`,
      `up / Update the review stack: Kubernetes API (needed by eks:DescribeCluster on arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks) on arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks`,
    ]));
  });

  it("fails naming the step, action, resource and identity when a review grant is removed", async () => {
    const noPush = await check([withoutStatement(dev, "acme-dev-review-registry", "PushImages"), prod], review());
    expect(messages(noPush)).toContain(
      `review.yml publish / Copy api into the registry: ecr:PutImage on arn:aws:ecr:us-east-1:${account}:repository/acme-dev-api is denied (ImplicitlyDenied) for ${role("acme-dev-review")}`,
    );
    expect(new Set(noPush.findings.map((f) => f.job))).toEqual(new Set(["publish"]));
    const noPass = await check([withoutStatement(dev, "acme-dev-review-permissions", "PassWorkloadRoles"), prod], review());
    expect(messages(noPass)).toContain(
      `review.yml up / Update the review stack: iam:PassRole (needed by eks:CreatePodIdentityAssociation on arn:aws:eks:us-east-1:${account}:cluster/acme-dev-eks) on ${role("acme-dev-workloads/acme-dev-orders")} is denied (ImplicitlyDenied) for ${role("acme-dev-review")}`,
    );
    const noNamespaces = await check([withoutResource(dev, "acme-dev-review-access-policy"), prod], review());
    expect(new Set(noNamespaces.findings.map((f) => f.job))).toEqual(new Set(["up", "down", "janitor"]));
  });

  it("the review identity is not trusted from a deploy environment, nor the deploy identity from review", async () => {
    const fromStaging = pushWorkflow({ review: job([loginAs("dev-aws", "review")], "staging") });
    const deployFromReview = pushWorkflow({ deploy: job([loginAs("dev-aws", "deploy")], "review") });
    const report = await check([dev, prod], [fromStaging, deployFromReview]);
    expect(report.findings.map((f) => `${f.job}: ${f.reason}`)).toEqual([
      `review: is denied (ImplicitlyDenied) by the trust policy for the OIDC subject repo:${repository}:environment:staging`,
      `deploy: is denied (ImplicitlyDenied) by the trust policy for the OIDC subject repo:${repository}:environment:review`,
    ]);
  });
});

describe("offline permission check on synthetic jobs", () => {
  it("checks the trust: publish only from pushes to main, deploy only in its environments, nothing from a pull request", async () => {
    const publishFromEnvironment = pushWorkflow({ publish: job([loginAs("dev-aws", "publish")], "staging") });
    const deployFromPullRequest = pushWorkflow({ deploy: job([loginAs("dev-aws", "deploy")]) }, { pullRequest: { branches: ["main"] } });
    const prodFromStaging = pushWorkflow({ deploy: job([loginAs("prod-aws", "deploy")], "staging") });
    const report = await check([dev, prod], [publishFromEnvironment, deployFromPullRequest, prodFromStaging]);
    const denied = (r: string, sub: string) => `synthetic.yml ${r === "acme-dev-publish" ? "publish" : "deploy"} / Log in to AWS: sts:AssumeRoleWithWebIdentity on ${role(r)} is denied (ImplicitlyDenied) by the trust policy for the OIDC subject repo:${repository}:${sub} for ${role(r)}`;
    expect(messages(report)).toEqual([denied("acme-dev-publish", "environment:staging"), denied("acme-dev-deploy", "pull_request"), denied("acme-prod-deploy", "environment:staging")]);
  });

  it("the preview identity reads only: it cannot upload, invalidate, push or update an endpoint", async () => {
    const preview = pushWorkflow({
      preview: job([
        loginAs("prod-aws", "preview"),
        step("Try", [access("s3:PutObject", "frontendBucket", undefined, "/x"), access("cloudfront:CreateInvalidation", "frontendCdnId"), access("ecr:PutImage", "registryUrls", "api"), access("sagemaker:UpdateEndpoint", "modelEndpoints", "recommender")]),
        step("Read", [access("eks:DescribeCluster", "clusterName")]),
      ], "preview"),
    });
    const report = await check([dev, prod], [preview]);
    expect(report.findings.map((f) => `${f.step}: ${f.action} ${f.reason}`)).toEqual(["s3:PutObject", "cloudfront:CreateInvalidation", "ecr:PutImage", "sagemaker:UpdateEndpoint"].map((a) => `Try: ${a} is denied (ImplicitlyDenied)`));
  });

  it("the front end's grant is the deploy role's only way to its bucket and distribution: without it, upload and invalidation are denied", async () => {
    const publish = pushWorkflow({
      "deploy-prod-aws": job([loginAs("prod-aws", "deploy"), step("Publish", [access("s3:PutObject", "frontendBucket", undefined, "/x"), access("cloudfront:CreateInvalidation", "frontendCdnId")])], "production"),
    });
    expect(messages(await check([dev, prod], [publish]))).toEqual([]);
    const report = await check([dev, withoutResource(prod, "acme-prod-deploy-site")], [publish]);
    expect(report.findings.map((f) => `${f.step}: ${f.action} ${f.reason}`)).toEqual(["s3:PutObject", "cloudfront:CreateInvalidation"].map((a) => `Publish: ${a} is denied (ImplicitlyDenied)`));
  });

  it("evaluates the bucket's own policy: one that refuses uploads naming no encryption denies the upload", async () => {
    const refuseUnencrypted = { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } };
    const strict = {
      ...dev,
      resources: dev.resources.map((r) => {
        if (r.type !== "aws:s3/bucketPolicy:BucketPolicy" || r.inputs["bucket"] !== "acme-dev-site") return r;
        const policy = JSON.parse(String(r.inputs["policy"])) as { Statement: { Sid?: string }[] };
        return { ...r, inputs: { ...r.inputs, policy: JSON.stringify({ ...policy, Statement: policy.Statement.map((s) => (s.Sid === "DenyOtherEncryption" ? { ...s, Condition: refuseUnencrypted } : s)) }) } };
      }),
    };
    const report = await check([strict, prod]);
    expect(messages(report)).toEqual([`deploy.yml deploy-dev-aws / Upload the front end: s3:PutObject on arn:aws:s3:::acme-dev-site/* is denied (ExplicitlyDenied) for ${role("acme-dev-deploy")}`]);
  });

  it("reports what it cannot evaluate: no login before the step, an output the stack does not export, an identity it does not export", async () => {
    const report = await check([dev, prod], [
      pushWorkflow({
        early: job([step("Before login", [access("s3:PutObject", "frontendBucket", undefined, "/x")]), loginAs("dev-aws", "deploy"), step("Unknown output", [access("s3:PutObject", "noSuchBucket", undefined, "/x")])], "staging"),
        other: job([loginAs("dev-aws", "nobody")], "staging"),
      }),
    ]);
    expect(messages(report)).toEqual([
      "synthetic.yml early / Before login: s3:PutObject on frontendBucket/x has no cloud login before it (or its login failed) for no identity",
      `synthetic.yml early / Unknown output: s3:PutObject on noSuchBucket/x cannot be evaluated: the stack output noSuchBucket is not exported in the dev-aws plan for ${role("acme-dev-deploy")}`,
      "synthetic.yml other: sts:AssumeRoleWithWebIdentity on nobodyIdentity cannot be assumed: stack dev-aws exports no nobodyIdentity (the variable STRATUM_DEV_AWS_NOBODY_IDENTITY) for STRATUM_DEV_AWS_NOBODY_IDENTITY",
    ]);
  });
});

describe("checkRepositoryPermissions (for a command to run outside the tests)", () => {
  it("plans every stack and checks the generated workflows against them: nothing is denied or unresolved", async () => {
    const { plans, logins, findings } = await checkRepositoryPermissions(repoRoot);
    expect(plans.map((p) => p.stack)).toEqual(listStacks(repoRoot));
    expect(logins.map((l) => l.job)).toEqual(expect.arrayContaining(["publish-dev-aws", "deploy-prod-aws", "preview-dev-aws", "drift-prod-aws"]));
    expect(findings.map(describeFinding)).toEqual([]);
  });
});
