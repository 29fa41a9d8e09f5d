import { beforeAll, describe, expect, it } from "vitest";
import { planExampleStack } from "../../components/conformance/plan-stack.ts";
import { checkPermissions, describeFinding, kubernetesApiAccess, type PermissionReport } from "../../lib/permissions/check.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs, workflows } from "../../workflows/synth.ts";
import type { Workflow } from "../../workflows/model.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { access, job, loginAs, pushWorkflow, step, withOutputs, withoutStatement } from "./fixture.ts";

const repository = "acme/platform";
let dev: PlanReport;
let prod: PlanReport;
let generated: Workflow[];

/** The distribution's id, which the platform exports as `frontendCdnId` (added alongside this check). */
const withCdnId = (plan: PlanReport) =>
  withOutputs(plan, { frontendCdnId: plan.outputs["frontendCdnId"] ?? plan.resources.find((r) => r.type === "aws:cloudfront/distribution:Distribution")?.name });

beforeAll(async () => {
  // One after the other: the mock runtime a plan runs under is process-wide.
  dev = withCdnId(await planExampleStack("dev-aws"));
  prod = withCdnId(await planExampleStack("prod-aws"));
  generated = workflows(workflowPlatform(loadStackSpecs(repoRoot)));
});

const messages = (report: PermissionReport) => report.findings.map(describeFinding);

/** What the publish and deploy jobs of one stack do in the cloud, declared as the generated steps declare it. */
function pipeline(stack: string, images: readonly string[], models: readonly string[], deployEnvironment: string): Workflow {
  const push = ["ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage", "ecr:DescribeImages"];
  return pushWorkflow({
    [`publish-${stack}`]: job([
      loginAs(stack, "publish"),
      step("Log in to the stack's registry", [access("ecr:GetAuthorizationToken", "registryUrls", images[0])]),
      step("Copy by digest and sign", images.flatMap((w) => push.map((a) => access(a, "registryUrls", w)))),
    ]),
    [`deploy-${stack}`]: job([
      loginAs(stack, "deploy"),
      step("Verify signatures", images.map((w) => access("ecr:BatchGetImage", "registryUrls", w))),
      step("Update the stack", [
        access("eks:DescribeCluster", "clusterName"),
        access(kubernetesApiAccess, "clusterName"),
        ...models.flatMap((m) => [access("sagemaker:CreateModel", "modelEndpoints", m), access("sagemaker:CreateEndpointConfig", "modelEndpoints", m, "-config"), access("sagemaker:UpdateEndpoint", "modelEndpoints", m)]),
      ]),
      step("Upload the front end", [access("s3:ListBucket", "frontendSiteLocation"), access("s3:PutObject", "frontendSiteLocation", undefined, "/index.html"), access("s3:DeleteObject", "frontendSiteLocation", undefined, "/old.js")]),
      step("Invalidate the CDN", [access("cloudfront:CreateInvalidation", "frontendCdnId")]),
    ], deployEnvironment),
  });
}

const images = ["api", "etl", "orders", "recommender"];

describe("offline permission check", () => {
  it("passes on the generated workflows: every job's token may assume the identity it logs in as", async () => {
    const report = await checkPermissions(generated, [dev, prod], repository);
    expect(messages(report)).toEqual([]);
    const login = (job: string) => report.logins.find((l) => l.job === job);
    expect(login("deploy-dev-aws")).toMatchObject({ identity: "arn:aws:iam::000000000000:role/acme-dev-deploy", subjects: ["repo:acme/platform:environment:staging"] });
    expect(login("deploy-prod-aws")).toMatchObject({ identity: "arn:aws:iam::000000000000:role/acme-prod-deploy", subjects: ["repo:acme/platform:environment:production"] });
    expect(login("preview-prod-aws")).toMatchObject({ kind: "preview", subjects: ["repo:acme/platform:environment:preview"] });
  });

  it("passes on dev-aws and prod-aws for what publish and deploy do, each action on its exact resource", async () => {
    const report = await checkPermissions([pipeline("dev-aws", images, [], "staging"), pipeline("prod-aws", images, ["recommender"], "production")], [dev, prod], repository);
    expect(messages(report)).toEqual([]);
    const allowed = report.allowed.map((a) => `${a.job}: ${a.action} on ${a.resource}`);
    expect(allowed).toEqual(expect.arrayContaining([
      "publish-dev-aws: ecr:GetAuthorizationToken on *",
      "publish-dev-aws: ecr:PutImage on arn:aws:ecr:us-east-1:000000000000:repository/acme-dev-api",
      "deploy-dev-aws: s3:PutObject on arn:aws:s3:::acme-dev-site/index.html",
      "deploy-dev-aws: kms:GenerateDataKey (needed by s3:PutObject on arn:aws:s3:::acme-dev-site/index.html) on arn:aws:kms:us-east-1:000000000000:key/acme-dev-platform-key",
      "deploy-dev-aws: cloudfront:CreateInvalidation on arn:aws:cloudfront::000000000000:distribution/acme-dev-cdn",
      `deploy-dev-aws: ${kubernetesApiAccess} on arn:aws:eks:us-east-1:000000000000:cluster/acme-dev-eks`,
      "deploy-prod-aws: sagemaker:UpdateEndpoint on arn:aws:sagemaker:us-east-1:000000000000:endpoint/acme-prod-recommender",
      "deploy-prod-aws: iam:PassRole (needed by sagemaker:CreateModel on arn:aws:sagemaker:us-east-1:000000000000:model/acme-prod-recommender) on arn:aws:iam::000000000000:role/acme-prod-models-role",
      "deploy-prod-aws: kms:CreateGrant (needed by sagemaker:CreateEndpointConfig on arn:aws:sagemaker:us-east-1:000000000000:endpoint-config/acme-prod-recommender-config) on arn:aws:kms:us-east-1:000000000000:key/acme-prod-ml-key",
    ]));
    expect(report.logins.find((l) => l.job === "publish-prod-aws")).toMatchObject({ identity: "arn:aws:iam::000000000000:role/acme-prod-publish", subjects: ["repo:acme/platform:ref:refs/heads/main"] });
  });

  it("fails naming the step, action, resource and identity when the publish role's push grant is removed", async () => {
    const plan = withoutStatement(dev, "acme-dev-publish-permissions", "PushImages");
    const report = await checkPermissions([pipeline("dev-aws", ["api"], [], "staging")], [plan, prod], repository);
    expect(messages(report)).toContain(
      "synthetic.yml publish-dev-aws / Copy by digest and sign: ecr:PutImage on arn:aws:ecr:us-east-1:000000000000:repository/acme-dev-api is denied (ImplicitlyDenied) for arn:aws:iam::000000000000:role/acme-dev-publish",
    );
    expect(report.findings.every((f) => f.job === "publish-dev-aws" && f.step === "Copy by digest and sign")).toBe(true);
  });

  it("fails when the deploy role's CDN invalidation or the key behind the site bucket is removed", async () => {
    const noCdn = await checkPermissions([pipeline("prod-aws", images, ["recommender"], "production")], [dev, withoutStatement(prod, "acme-prod-deploy-permissions", "InvalidateCdn")], repository);
    expect(messages(noCdn)).toEqual([
      "synthetic.yml deploy-prod-aws / Invalidate the CDN: cloudfront:CreateInvalidation on arn:aws:cloudfront::000000000000:distribution/acme-prod-cdn is denied (ImplicitlyDenied) for arn:aws:iam::000000000000:role/acme-prod-deploy",
    ]);
    const noKey = await checkPermissions([pipeline("dev-aws", images, [], "staging")], [withoutStatement(dev, "acme-dev-deploy-permissions", "KeysThroughS3"), prod], repository);
    expect(messages(noKey)).toEqual([
      "synthetic.yml deploy-dev-aws / Upload the front end: kms:GenerateDataKey (needed by s3:PutObject on arn:aws:s3:::acme-dev-site/index.html) on arn:aws:kms:us-east-1:000000000000:key/acme-dev-platform-key is denied (ImplicitlyDenied) for arn:aws:iam::000000000000:role/acme-dev-deploy",
    ]);
  });

  it("evaluates the distribution's own tags: another stack's deploy role cannot invalidate it", async () => {
    const retagged = { ...prod, resources: prod.resources.map((r) => (r.type === "aws:cloudfront/distribution:Distribution" ? { ...r, inputs: { ...r.inputs, tags: { ...(r.inputs["tags"] as object), "stratum-stack": "dev-aws" } } } : r)) };
    const report = await checkPermissions([pushWorkflow({ "deploy-prod-aws": job([loginAs("prod-aws", "deploy"), step("Invalidate the CDN", [access("cloudfront:CreateInvalidation", "frontendCdnId")])], "production") })], [dev, retagged], repository);
    expect(messages(report)).toEqual([expect.stringContaining("cloudfront:CreateInvalidation on arn:aws:cloudfront::000000000000:distribution/acme-prod-cdn is denied")]);
  });

  it("evaluates the bucket's own policy: one that refuses uploads naming no encryption denies the deploy's upload", async () => {
    const strict = {
      ...dev,
      resources: dev.resources.map((r) => {
        if (r.type !== "aws:s3/bucketPolicy:BucketPolicy" || r.inputs["bucket"] !== "acme-dev-site") return r;
        const policy = JSON.parse(String(r.inputs["policy"])) as { Statement: { Sid?: string; Condition?: unknown }[] };
        const refuseUnencrypted = { StringNotEqualsIfExists: { "s3:x-amz-server-side-encryption": "aws:kms" } };
        return { ...r, inputs: { ...r.inputs, policy: JSON.stringify({ ...policy, Statement: policy.Statement.map((st) => (st.Sid === "DenyOtherEncryption" ? { ...st, Condition: refuseUnencrypted } : st)) }) } };
      }),
    };
    const report = await checkPermissions([pipeline("dev-aws", ["api"], [], "staging")], [strict, prod], repository);
    expect(messages(report)).toEqual([
      "synthetic.yml deploy-dev-aws / Upload the front end: s3:PutObject on arn:aws:s3:::acme-dev-site/index.html is denied (ExplicitlyDenied) for arn:aws:iam::000000000000:role/acme-dev-deploy",
    ]);
  });

  it("checks the trust: publish only from pushes to main, deploy only in its environments, nothing from a pull request", async () => {
    const publishFromEnvironment = pushWorkflow({ publish: job([loginAs("dev-aws", "publish")], "staging") });
    const deployFromPullRequest = pushWorkflow({ deploy: job([loginAs("dev-aws", "deploy")]) }, { pullRequest: { branches: ["main"] } });
    const prodFromStaging = pushWorkflow({ deploy: job([loginAs("prod-aws", "deploy")], "staging") });
    const report = await checkPermissions([publishFromEnvironment, deployFromPullRequest, prodFromStaging], [dev, prod], repository);
    expect(messages(report)).toEqual([
      "synthetic.yml publish / Log in to AWS: sts:AssumeRoleWithWebIdentity on arn:aws:iam::000000000000:role/acme-dev-publish is denied (ImplicitlyDenied) by the trust policy for the OIDC subject repo:acme/platform:environment:staging for arn:aws:iam::000000000000:role/acme-dev-publish",
      "synthetic.yml deploy / Log in to AWS: sts:AssumeRoleWithWebIdentity on arn:aws:iam::000000000000:role/acme-dev-deploy is denied (ImplicitlyDenied) by the trust policy for the OIDC subject repo:acme/platform:pull_request for arn:aws:iam::000000000000:role/acme-dev-deploy",
      "synthetic.yml deploy / Log in to AWS: sts:AssumeRoleWithWebIdentity on arn:aws:iam::000000000000:role/acme-prod-deploy is denied (ImplicitlyDenied) by the trust policy for the OIDC subject repo:acme/platform:environment:staging for arn:aws:iam::000000000000:role/acme-prod-deploy",
    ]);
  });

  it("the preview identity reads only: it cannot upload, invalidate, push or update an endpoint", async () => {
    const preview = pushWorkflow({
      preview: job([
        loginAs("prod-aws", "preview"),
        step("Try", [access("s3:PutObject", "frontendSiteLocation", undefined, "/x"), access("cloudfront:CreateInvalidation", "frontendCdnId"), access("ecr:PutImage", "registryUrls", "api"), access("sagemaker:UpdateEndpoint", "modelEndpoints", "recommender")]),
        step("Read", [access("eks:DescribeCluster", "clusterName"), access(kubernetesApiAccess, "clusterName")]),
      ], "preview"),
    });
    const report = await checkPermissions([preview], [dev, prod], repository);
    expect(report.findings.map((f) => f.action)).toEqual(["s3:PutObject", "cloudfront:CreateInvalidation", "ecr:PutImage", "sagemaker:UpdateEndpoint"]);
    expect(report.findings.every((f) => f.step === "Try" && f.reason.startsWith("is denied"))).toBe(true);
  });

  it("reports what it cannot evaluate: no login before the step, an output the stack does not export, an identity it does not export", async () => {
    const report = await checkPermissions([
      pushWorkflow({
        early: job([step("Before login", [access("s3:PutObject", "frontendSiteLocation", undefined, "/x")]), loginAs("dev-aws", "deploy"), step("Unknown output", [access("s3:PutObject", "noSuchBucket", undefined, "/x")])], "staging"),
        review: job([loginAs("dev-aws", "nobody")], "staging"),
      }),
    ], [dev, prod], repository);
    expect(messages(report)).toEqual([
      "synthetic.yml early / Before login: s3:PutObject on frontendSiteLocation/x has no AWS login before it (or its login failed) for no identity",
      "synthetic.yml early / Unknown output: s3:PutObject on noSuchBucket/x cannot be evaluated: the stack output noSuchBucket is not exported in the dev-aws plan for arn:aws:iam::000000000000:role/acme-dev-deploy",
      "synthetic.yml review: sts:AssumeRoleWithWebIdentity on nobodyIdentity cannot be assumed: stack dev-aws exports no nobodyIdentity (the variable STRATUM_DEV_AWS_NOBODY_IDENTITY) for STRATUM_DEV_AWS_NOBODY_IDENTITY",
    ]);
  });
});
