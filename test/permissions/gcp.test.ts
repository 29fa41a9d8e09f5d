import { describe, expect, it } from "vitest";
import { checkPermissions, describeFinding, type PermissionReport } from "../../lib/permissions/check.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { pushAccess, siteInvalidateAccess, siteUploadAccess } from "../../workflows/cloud-access.ts";
import type { Workflow } from "../../workflows/model.ts";
import { changed, clusterFullName, gcpPlan, gcpProject, login, offline, plus, pool, poolSet, providerName, repository, resource, without } from "./cloud-fixture.ts";
import { access, job, pushWorkflow, step } from "./fixture.ts";

const check = (plans: readonly PlanReport[], all: readonly Workflow[]) => checkPermissions(all, plans, repository, offline);
const messages = (report: PermissionReport) => report.findings.map(describeFinding);
const allowedLines = (report: PermissionReport) => report.allowed.map((a) => `${a.job} / ${a.step}: ${a.action} on ${a.resource}`);
const site = "projects/_/buckets/acme-dev-site";
const repositoryName = `projects/${gcpProject}/locations/us-central1/repositories/acme-dev-api`;

const deploy = pushWorkflow({
  deploy: job([login("gcp", "dev-gcp", "deploy"), step("Upload the front end", siteUploadAccess("gcp")), step("Invalidate the CDN", siteInvalidateAccess("gcp")), step("Update the stack", [access("container.clusters.get", "clusterName")])], "staging"),
});
const publish = pushWorkflow({ publish: job([login("gcp", "dev-gcp", "publish"), step("Copy api into the registry", pushAccess("gcp", "api"))]) });
const denied = (job: string, stepName: string, permission: string, resource: string, kind: string) =>
  `synthetic.yml ${job} / ${stepName}: ${permission} on ${resource} is denied: no binding in the plan grants ${poolSet(kind)} (or the token's subject or attributes) a role with ${permission} on ${resource} or its project`;

describe("the GCP permission check on a synthetic plan", () => {
  it("allows what the bindings grant: the bucket's member, the project's conditional cluster and custom CDN roles, the registry's members", async () => {
    const report = await check([gcpPlan()], [deploy, publish]);
    expect(messages(report)).toEqual([]);
    expect(report.logins.map((l) => `${l.job} ${l.identity} ${l.subjects.join(",")}`)).toEqual([
      `deploy ${poolSet("deploy")} repo:${repository}:environment:staging`,
      `publish ${poolSet("publish")} repo:${repository}:ref:refs/heads/main`,
    ]);
    expect(allowedLines(report)).toEqual([
      ...["list", "get", "create", "delete"].map((p) => `deploy / Upload the front end: storage.objects.${p} on ${site}`),
      `deploy / Invalidate the CDN: compute.urlMaps.invalidateCache on projects/${gcpProject}/global/urlMaps/acme-dev-site-map`,
      `deploy / Update the stack: container.clusters.get on ${clusterFullName}`,
      `deploy / Update the stack: Kubernetes API (needed by container.clusters.get on ${clusterFullName}) on ${clusterFullName}`,
      ...["downloadArtifacts", "uploadArtifacts"].map((p) => `publish / Copy api into the registry: artifactregistry.repositories.${p} on ${repositoryName}`),
      `publish / Copy api into the registry: artifactregistry.tags.create on ${repositoryName}`,
    ]);
  });

  it("denies, with the exact finding, when the binding is missing", async () => {
    const report = await check([without(gcpPlan(), "acme-dev-site-deploy")], [deploy]);
    expect(messages(report)).toEqual(["list", "get", "create", "delete"].map((p) => `${denied("deploy", "Upload the front end", `storage.objects.${p}`, site, "deploy")} for ${poolSet("deploy")}`));
  });

  it("denies a binding on another resource, and a role that lacks the permission", async () => {
    const elsewhere = await check([changed(gcpPlan(), "acme-dev-site-deploy", { bucket: "acme-dev-other" })], [deploy]);
    expect(elsewhere.findings.map((f) => `${f.step}: ${f.action}`)).toEqual(["list", "get", "create", "delete"].map((p) => `Upload the front end: storage.objects.${p}`));
    const reader = await check([changed(gcpPlan(), "acme-dev-site-deploy", { role: "roles/storage.objectViewer" })], [deploy]);
    expect(reader.findings.map((f) => f.action)).toEqual(["storage.objects.create", "storage.objects.delete"]);
    // A role the table does not list grants nothing here (and fails the table's test of the real plans).
    const unlisted = await check([changed(gcpPlan(), "acme-dev-site-deploy", { role: "roles/storage.admin" })], [deploy]);
    expect(unlisted.findings).toHaveLength(4);
  });

  it("evaluates IAM conditions: one naming another cluster denies, one it cannot read is reported as such", async () => {
    const other = `projects/${gcpProject}/locations/us-central1/clusters/acme-prod-gke`;
    const report = await check([changed(gcpPlan(), "acme-dev-deploy-cluster", { condition: { title: "t", expression: `resource.name == '${other}'` } })], [deploy]);
    expect(messages(report)).toEqual([`${denied("deploy", "Update the stack", "container.clusters.get", clusterFullName, "deploy")} (the condition of acme-dev-deploy-cluster does not hold) for ${poolSet("deploy")}`]);
    const timed = await check([changed(gcpPlan(), "acme-dev-deploy-cluster", { condition: { title: "t", expression: "request.time < timestamp('2030-01-01T00:00:00Z')" } })], [deploy]);
    expect(timed.findings.map((f) => f.reason)).toEqual([expect.stringContaining(`(the condition of acme-dev-deploy-cluster cannot be evaluated: the expression "request.time < timestamp('2030-01-01T00:00:00Z')" uses "<", which the check does not evaluate)`)]);
    const prefix = await check([changed(gcpPlan(), "acme-dev-deploy-cluster", { condition: { title: "t", expression: `resource.name.startsWith('projects/${gcpProject}/locations/us-central1/clusters/acme-dev-')` } })], [deploy]);
    expect(messages(prefix)).toEqual([]);
  });

  it("reads the plan's custom role: without the permission in it, invalidation is denied", async () => {
    const report = await check([changed(gcpPlan(), "acme-dev-cdn-invalidator", { permissions: ["compute.urlMaps.get"] })], [deploy]);
    expect(report.findings.map((f) => `${f.step}: ${f.action} on ${f.resource}`)).toEqual([`Invalidate the CDN: compute.urlMaps.invalidateCache on projects/${gcpProject}/global/urlMaps/acme-dev-site-map`]);
  });

  it("needs the cluster's RBAC for the principal after container.clusters.get", async () => {
    const report = await check([without(gcpPlan(), "acme-dev-deploy-namespace")], [deploy]);
    expect(messages(report)).toEqual([
      `synthetic.yml deploy / Update the stack: Kubernetes API (needed by container.clusters.get on ${clusterFullName}) on ${clusterFullName} is denied: no RoleBinding or ClusterRoleBinding of the plan names ${poolSet("deploy")} or principal://iam.googleapis.com/${pool("deploy")}/subject/repo:${repository}:environment:staging or principalSet://iam.googleapis.com/${pool("deploy")}/attribute.repository/${repository} for ${poolSet("deploy")}`,
    ]);
  });

  it("checks the login: a token of another subject fails the attribute condition, and its steps are evaluated as no principal", async () => {
    const fromStaging = pushWorkflow({ publish: job([login("gcp", "dev-gcp", "publish"), step("Copy api into the registry", pushAccess("gcp", "api").slice(0, 1))], "staging") });
    const report = await check([gcpPlan()], [fromStaging]);
    expect(messages(report)).toEqual([
      `synthetic.yml publish / Log in to Google Cloud: workload identity federation on ${providerName("publish")} is denied: the attributeCondition does not hold for the push token with subject repo:${repository}:environment:staging for ${poolSet("publish")}`,
      `synthetic.yml publish / Copy api into the registry: artifactregistry.repositories.downloadArtifacts on ${repositoryName} is denied: no binding in the plan grants ${poolSet("publish")} (or the token's subject or attributes) a role with artifactregistry.repositories.downloadArtifacts on ${repositoryName} or its project for ${poolSet("publish")}`,
    ]);
  });

  it("refuses a provider it cannot judge, and one that trusts any repository or another issuer", async () => {
    const reasons = async (inputs: Record<string, unknown>) => (await check([changed(gcpPlan(), "acme-dev-deploy-github", inputs)], [pushWorkflow({ deploy: job([login("gcp", "dev-gcp", "deploy")], "staging") })])).findings.map((f) => f.reason);
    expect(await reasons({ attributeCondition: "assertion.repository.matches('acme/.*')" })).toEqual([`cannot be evaluated: the expression "assertion.repository.matches('acme/.*')" calls matches(), which the check does not evaluate`]);
    expect(await reasons({ attributeCondition: undefined })).toEqual(["is denied: the provider has no attributeCondition, so any repository's token would do"]);
    expect(await reasons({ oidc: { issuerUri: "https://example.com" } })).toEqual(['is denied: the provider\'s issuer is "https://example.com", not https://token.actions.githubusercontent.com']);
    expect(await reasons({ oidc: { issuerUri: "https://token.actions.githubusercontent.com", allowedAudiences: ["other"] } })).toEqual([`is denied: the provider does not accept the audience https://iam.googleapis.com/${providerName("deploy")}`]);
    expect(await reasons({ disabled: true })).toEqual(["is denied: the provider is disabled"]);
  });

  it("reports a login to an identity the stack does not export, or to a provider the plan lacks", async () => {
    const report = await check([changed(plus(gcpPlan()), "acme-dev-deploy-github", { workloadIdentityPoolProviderId: "other" })], [pushWorkflow({ deploy: job([login("gcp", "dev-gcp", "deploy")], "staging"), review: job([login("gcp", "dev-gcp", "review")], "review") })]);
    expect(messages(report)).toEqual([
      `synthetic.yml deploy: workload identity federation on ${providerName("deploy")} cannot be used: deployIdentity of dev-gcp names no workload identity pool provider in the plan for STRATUM_DEV_GCP_DEPLOY_IDENTITY`,
      "synthetic.yml review: workload identity federation on reviewIdentity cannot be assumed: stack dev-gcp exports no reviewIdentity (the variable STRATUM_DEV_GCP_REVIEW_IDENTITY) for STRATUM_DEV_GCP_REVIEW_IDENTITY",
    ]);
  });

  it("a binding to the token's own subject principal grants as the pool's does", async () => {
    const subject = `principal://iam.googleapis.com/${pool("deploy")}/subject/repo:${repository}:environment:staging`;
    const p = plus(changed(gcpPlan(), "acme-dev-site-deploy", { member: subject }), resource("gcp:storage/bucketIAMBinding:BucketIAMBinding", "unrelated", { bucket: "acme-dev-site", role: "roles/storage.objectViewer", members: [poolSet("preview")] }));
    expect(messages(await check([p], [deploy]))).toEqual([]);
  });
});

describe("GCP service account impersonation", () => {
  const account = "acme-dev-ci@acme-platform-dev.iam.gserviceaccount.com";
  const impersonating = (p: PlanReport) => {
    const step = login("gcp", "dev-gcp", "deploy");
    const workflow = pushWorkflow({ deploy: job([{ ...step, with: { ...step.with, service_account: account } }, step2()], "staging") });
    return check([p], [workflow]);
  };
  const step2 = () => step("Upload the front end", siteUploadAccess("gcp").slice(0, 1));
  const withAccount = (tokenCreator: boolean) =>
    plus(
      changed(gcpPlan(), "acme-dev-site-deploy", { member: `serviceAccount:${account}` }),
      resource("gcp:serviceaccount/account:Account", "acme-dev-ci", { accountId: "acme-dev-ci" }),
      ...(tokenCreator ? [resource("gcp:serviceaccount/iAMMember:IAMMember", "acme-dev-ci-wif", { serviceAccountId: `projects/${gcpProject}/serviceAccounts/${account}`, role: "roles/iam.workloadIdentityUser", member: poolSet("deploy") })] : []),
    );

  it("acts as the account when the federated principals may impersonate it, and is refused when they may not", async () => {
    const report = await impersonating(withAccount(true));
    expect(messages(report)).toEqual([]);
    expect(report.allowed.map((a) => a.identity)).toEqual([`serviceAccount:${account}`]);
    const refused = await impersonating(withAccount(false));
    expect(messages(refused)).toEqual([
      `synthetic.yml deploy / Log in to Google Cloud: workload identity federation on ${providerName("deploy")} is denied: no binding in the plan grants ${poolSet("deploy")} (or the token's subject or attributes) a role with iam.serviceAccounts.getAccessToken on projects/${gcpProject}/serviceAccounts/${account} or its project for serviceAccount:${account}`,
      `synthetic.yml deploy / Upload the front end: storage.objects.list on ${site} is denied: no binding in the plan grants serviceAccount:${account} a role with storage.objects.list on ${site} or its project for serviceAccount:${account}`,
    ]);
  });
});
