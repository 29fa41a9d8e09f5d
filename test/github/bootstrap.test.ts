import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run as bootstrap } from "../../lib/github/command-bootstrap.ts";
import { requiredCheckNames } from "../../lib/github/required-checks.ts";
import { ciRequiredChecks } from "../../workflows/ci.ts";
import { fakeIo, useFakeGithub, viaCli } from "./support.ts";

const work = mkdtempSync(join(tmpdir(), "stratum-bootstrap-"));
writeFileSync(join(work, "prod-aws.json"), JSON.stringify({ deployIdentity: "arn:aws:iam::123456789012:role/stratum-deploy", previewIdentity: "arn:aws:iam::123456789012:role/stratum-preview", publishIdentity: "arn:aws:iam::123456789012:role/stratum-publish", registryHost: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", registryUrls: { api: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme-prod-api" }, cloud: "aws", region: "eu-west-1" }));
writeFileSync(join(work, "stratum-github().yaml"), "environments:\n  staging:\n    reviewers: []\n  production:\n    reviewers: [alice, team:acme/platform-admins]\nvariables:\n  PULUMI_BACKEND_URL: s3://acme-state\n");
const flags = ["github", "--config", "stratum-github().yaml", "--outputs", "prod-aws=prod-aws.json"];

const github = useFakeGithub();
const stratum = viaCli("bootstrap", bootstrap);


const writes = () => github().requests.filter((r) => r.method !== "GET");

describe("stratum bootstrap github", () => {
  it("dry run prints the plan and writes nothing; --apply makes it; a second --apply changes nothing", async () => {
    const dry = fakeIo(github(), work);
    expect(await stratum(flags, dry)).toBe(0);
    expect(dry.out()).toContain("+ create environment staging: no reviewers; deployments only from main");
    expect(dry.out()).toContain("+ create environment production: reviewers alice, team acme/platform-admins; deployments only from main");
    expect(dry.out()).toContain("+ create environment preview: no reviewers; any branch");
    expect(dry.out()).toContain("+ create environment review: no reviewers; any branch");
    expect(dry.out()).toContain(`+ create ruleset stratum-ci on the default branch requiring ${requiredCheckNames().join(", ")}`);
    expect(dry.out()).toContain("+ create variable STRATUM_PROD_AWS_DEPLOY_IDENTITY = arn:aws:iam::123456789012:role/stratum-deploy");
    expect(dry.out()).toContain("+ create variable STRATUM_PROD_AWS_PREVIEW_IDENTITY = arn:aws:iam::123456789012:role/stratum-preview");
    expect(dry.out()).toContain("+ create variable STRATUM_PROD_AWS_PUBLISH_IDENTITY = arn:aws:iam::123456789012:role/stratum-publish");
    expect(dry.out()).toContain("+ create variable STRATUM_PROD_AWS_REGISTRY_HOST = 123456789012.dkr.ecr.eu-west-1.amazonaws.com");
    expect(dry.out()).toContain('+ create variable STRATUM_PROD_AWS_REGISTRY_URLS = {"api":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme-prod-api"}');
    expect(dry.out()).toContain("+ create variable AWS_REGION = eu-west-1");
    expect(dry.out()).toContain("dry run: 14 change(s) to acme/platform");
    expect(writes()).toEqual([]);

    const apply = fakeIo(github(), work);
    expect(await stratum([...flags, "--apply"], apply)).toBe(0);
    expect(apply.out()).toContain("applied 14 change(s) to acme/platform");
    expect(writes().map((r) => `${r.method} ${r.operationId}`)).toEqual([
      "PUT repos/create-or-update-environment",
      "POST repos/create-deployment-branch-policy",
      "PUT repos/create-or-update-environment",
      "POST repos/create-deployment-branch-policy",
      "PUT repos/create-or-update-environment",
      "PUT repos/create-or-update-environment",
      "POST repos/create-repo-ruleset",
      ...Array<string>(7).fill("POST actions/create-repo-variable"),
    ]);
    const environments = github().state.environments;
    expect([...environments.keys()]).toEqual(["staging", "production", "preview", "review"]);
    const mainOnly = { protected_branches: false, custom_branch_policies: true };
    expect(environments.get("production")).toMatchObject({ reviewers: [{ type: "User", id: 11 }, { type: "Team", id: 21 }], branchPolicy: mainOnly });
    expect(environments.get("production")?.branches.map((b) => b.name)).toEqual(["main"]);
    expect(environments.get("staging")).toMatchObject({ reviewers: [], branchPolicy: mainOnly });
    expect(environments.get("staging")?.branches.map((b) => b.name)).toEqual(["main"]);
    // Pull-request jobs run in preview and review: no branch policy, so pull-request refs may use them.
    for (const name of ["preview", "review"]) expect(environments.get(name), name).toEqual({ reviewers: [], branchPolicy: null, branches: [] });
    expect(github().state.rulesets[0]?.rules).toEqual([
      { type: "required_status_checks", parameters: { required_status_checks: ciRequiredChecks.map((context) => ({ context })), strict_required_status_checks_policy: false } },
    ]);
    expect(Object.fromEntries(github().state.variables)).toEqual({
      PULUMI_BACKEND_URL: "s3://acme-state",
      STRATUM_PROD_AWS_DEPLOY_IDENTITY: "arn:aws:iam::123456789012:role/stratum-deploy",
      STRATUM_PROD_AWS_PREVIEW_IDENTITY: "arn:aws:iam::123456789012:role/stratum-preview",
      STRATUM_PROD_AWS_PUBLISH_IDENTITY: "arn:aws:iam::123456789012:role/stratum-publish",
      STRATUM_PROD_AWS_REGISTRY_HOST: "123456789012.dkr.ecr.eu-west-1.amazonaws.com",
      STRATUM_PROD_AWS_REGISTRY_URLS: '{"api":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme-prod-api"}',
      AWS_REGION: "eu-west-1",
    });

    const before = writes().length;
    const again = fakeIo(github(), work);
    expect(await stratum([...flags, "--apply"], again)).toBe(0);
    expect(again.out()).toBe("no changes: acme/platform already has the environments, ruleset and variables the workflows need\n");
    expect(writes()).toHaveLength(before);
  });

  it("changes only what drifted: a variable edited by hand and a ruleset check removed", async () => {
    expect(await stratum([...flags, "--apply"], fakeIo(github(), work))).toBe(0);
    github().state.variables.set("AWS_REGION", "us-east-1");
    const ruleset = github().state.rulesets[0] as { rules: { parameters: { required_status_checks: unknown[] } }[] };
    ruleset.rules[0]?.parameters.required_status_checks.pop();
    const before = writes().length;
    const io = fakeIo(github(), work);
    expect(await stratum([...flags, "--apply"], io)).toBe(0);
    expect(io.out()).toContain("~ update variable AWS_REGION: us-east-1 -> eu-west-1");
    expect(io.out()).toContain("~ update ruleset stratum-ci");
    expect(writes().slice(before).map((r) => r.operationId)).toEqual(["repos/update-repo-ruleset", "actions/update-repo-variable"]);
  });

  it("requires the ci workflow's own job names: the ruleset's checks are ciRequiredChecks", () => {
    expect(requiredCheckNames()).toEqual([...ciRequiredChecks]);
    expect(ciRequiredChecks.length).toBeGreaterThan(0);
  });

  it("removes a branch policy or reviewers someone put on preview", async () => {
    expect(await stratum([...flags, "--apply"], fakeIo(github(), work))).toBe(0);
    github().state.environments.set("preview", { reviewers: [{ type: "User", id: 12 }], branchPolicy: { protected_branches: true, custom_branch_policies: false }, branches: [] });
    const io = fakeIo(github(), work);
    expect(await stratum([...flags, "--apply"], io)).toBe(0);
    expect(io.out()).toContain("~ update environment preview: no reviewers; any branch");
    expect(io.out()).toContain("applied 1 change(s)");
    expect(github().state.environments.get("preview")).toEqual({ reviewers: [], branchPolicy: null, branches: [] });
  });

  it("a stack outputs file without previewIdentity or publishIdentity, or with registryUrls not a map, is bad input naming the file (exit 2)", async () => {
    writeFileSync(join(work, "deploy-only.json"), JSON.stringify({ deployIdentity: "arn:aws:iam::123456789012:role/stratum-deploy", cloud: "aws", region: "eu-west-1" }));
    const io = fakeIo(github(), work);
    expect(await stratum(["github", "--outputs", "prod-aws=deploy-only.json"], io)).toBe(2);
    expect(io.err()).toContain('--outputs deploy-only.json: no "previewIdentity" or "publishIdentity" string output');
    writeFileSync(join(work, "none.json"), JSON.stringify({ cloud: "aws" }));
    expect(await stratum(["github", "--outputs", "prod-aws=none.json"], io)).toBe(2);
    expect(io.err()).toContain('--outputs none.json: no "deployIdentity" or "previewIdentity" or "publishIdentity" string output');
    const identities = { deployIdentity: "arn:aws:iam::1:role/d", previewIdentity: "arn:aws:iam::1:role/p", publishIdentity: "arn:aws:iam::1:role/u" };
    writeFileSync(join(work, "bad-urls.json"), JSON.stringify({ ...identities, registryUrls: ["x"] }));
    expect(await stratum(["github", "--outputs", "prod-aws=bad-urls.json"], io)).toBe(2);
    expect(io.err()).toContain('--outputs bad-urls.json: registryUrls: got ["x"], expected an object of workload name to repository URL');
    expect(github().requests).toEqual([]);
  });

  it("a dev stack's review identity becomes STRATUM_<STACK>_REVIEW_IDENTITY; a dev stack without one is bad input", async () => {
    const dev = { deployIdentity: "arn:aws:iam::123456789012:role/acme-dev-deploy", previewIdentity: "arn:aws:iam::123456789012:role/acme-dev-preview", publishIdentity: "arn:aws:iam::123456789012:role/acme-dev-publish", cloud: "aws", region: "eu-west-1", environment: "dev" };
    writeFileSync(join(work, "dev-aws.json"), JSON.stringify({ ...dev, reviewIdentity: "arn:aws:iam::123456789012:role/acme-dev-review" }));
    const io = fakeIo(github(), work);
    expect(await stratum(["github", "--outputs", "dev-aws=dev-aws.json"], io)).toBe(0);
    expect(io.out()).toContain("+ create variable STRATUM_DEV_AWS_REVIEW_IDENTITY = arn:aws:iam::123456789012:role/acme-dev-review");
    expect(io.out()).not.toContain("STRATUM_PROD_AWS_REVIEW_IDENTITY");
    writeFileSync(join(work, "dev-no-review.json"), JSON.stringify(dev));
    const bad = fakeIo(github(), work);
    expect(await stratum(["github", "--outputs", "dev-aws=dev-no-review.json"], bad)).toBe(2);
    expect(bad.err()).toContain('--outputs dev-no-review.json: no "reviewIdentity" string output');
  });

  it("a GCP and an Azure stack get their identities and their own project, tenant and subscription", async () => {
    const provider = (kind: string) => `projects/123456789012/locations/global/workloadIdentityPools/shop-dev-${kind}/providers/github`;
    writeFileSync(join(work, "dev-gcp.json"), JSON.stringify({ cloud: "gcp", projectId: "acme-shop-dev", deployIdentity: provider("deploy"), previewIdentity: provider("preview"), publishIdentity: provider("publish"), registryHost: "europe-west1-docker.pkg.dev", registryUrls: { api: "europe-west1-docker.pkg.dev/acme-shop-dev/api/api" } }));
    const client = (n: number) => `0000000${n}-1111-2222-3333-444444444444`;
    writeFileSync(join(work, "prod-azure.json"), JSON.stringify({ cloud: "azure", tenantId: "aaaaaaaa-1111-2222-3333-444444444444", subscriptionId: "bbbbbbbb-1111-2222-3333-444444444444", deployIdentity: client(1), previewIdentity: client(2), publishIdentity: client(3), registryHost: "acmeshopprod.azurecr.io", region: "westeurope" }));
    const io = fakeIo(github(), work);
    expect(await stratum(["github", "--outputs", "dev-gcp=dev-gcp.json", "--outputs", "prod-azure=prod-azure.json"], io)).toBe(0);
    expect(io.out()).toContain(`+ create variable STRATUM_DEV_GCP_DEPLOY_IDENTITY = ${provider("deploy")}`);
    expect(io.out()).toContain("+ create variable STRATUM_DEV_GCP_PROJECT_ID = acme-shop-dev");
    expect(io.out()).toContain("+ create variable STRATUM_DEV_GCP_REGISTRY_HOST = europe-west1-docker.pkg.dev");
    expect(io.out()).toContain(`+ create variable STRATUM_PROD_AZURE_PUBLISH_IDENTITY = ${client(3)}`);
    expect(io.out()).toContain("+ create variable STRATUM_PROD_AZURE_TENANT_ID = aaaaaaaa-1111-2222-3333-444444444444");
    expect(io.out()).toContain("+ create variable STRATUM_PROD_AZURE_SUBSCRIPTION_ID = bbbbbbbb-1111-2222-3333-444444444444");
    // The AWS region is only an AWS stack's; no shared GCP or Azure variable is written.
    expect(io.out()).not.toMatch(/variable (AWS_REGION|GCP_PROJECT_ID|AZURE_TENANT_ID|AZURE_SUBSCRIPTION_ID) /);
  });

  it("a GCP or Azure identity or account output of the wrong shape is bad input naming the file, output and value (exit 2)", async () => {
    const provider = "projects/123456789012/locations/global/workloadIdentityPools/shop/providers/github";
    // A service account email is not what direct federation takes.
    writeFileSync(join(work, "gcp-sa.json"), JSON.stringify({ cloud: "gcp", projectId: "acme-shop-dev", deployIdentity: "deploy@acme-shop-dev.iam.gserviceaccount.com", previewIdentity: provider, publishIdentity: provider }));
    const io = fakeIo(github(), work);
    expect(await stratum(["github", "--outputs", "dev-gcp=gcp-sa.json"], io)).toBe(2);
    expect(io.err()).toContain('--outputs gcp-sa.json: deployIdentity: got "deploy@acme-shop-dev.iam.gserviceaccount.com", expected projects/<number>/locations/global/workloadIdentityPools/<pool>/providers/<provider> (stack dev-gcp is on gcp)');
    const guid = "00000001-1111-2222-3333-444444444444";
    writeFileSync(join(work, "azure-no-tenant.json"), JSON.stringify({ cloud: "azure", subscriptionId: guid, deployIdentity: guid, previewIdentity: guid, publishIdentity: guid }));
    expect(await stratum(["github", "--outputs", "prod-azure=azure-no-tenant.json"], io)).toBe(2);
    expect(io.err()).toContain("--outputs azure-no-tenant.json: tenantId: got null, expected the Entra ID tenant id (a GUID) (stack prod-azure is on azure)");
    expect(github().requests).toEqual([]);
  });

  it("--reviewers overrides production's reviewers from config", async () => {
    const io = fakeIo(github(), work);
    expect(await stratum([...flags, "--reviewers", "bob", "--apply"], io)).toBe(0);
    expect(github().state.environments.get("production")?.reviewers).toEqual([{ type: "User", id: 12 }]);
  });

  it("an unknown reviewer is bad input naming the lookup and repository", async () => {
    const io = fakeIo(github(), work);
    expect(await stratum([...flags, "--reviewers", "nobody-here"], io)).toBe(2);
    expect(io.err()).toContain("look up reviewer nobody-here in acme/platform");
  });

  it("a 403 on the ruleset names the administration permission (exit 2)", async () => {
    github().fault({ operationId: "repos/get-repo-rulesets", status: 403, message: "Resource not accessible by integration" });
    const io = fakeIo(github(), work);
    expect(await stratum(flags, io)).toBe(2);
    expect(io.err()).toContain('GitHub refused to list rulesets in acme/platform (403 Resource not accessible by integration): the token probably lacks the "administration: write" permission');
  });

  it("rejects bad flags and config before calling GitHub", async () => {
    writeFileSync(join(work, "bad.yaml"), "environments:\n  production:\n    reviewer: [alice]\n");
    const io = fakeIo(github(), work);
    expect(await stratum(["github", "--config", "bad.yaml"], io)).toBe(2);
    expect(io.err()).toContain("bad.yaml: environments.production");
    writeFileSync(join(work, "gated-preview.yaml"), "environments:\n  preview:\n    branches: [main]\n");
    expect(await stratum(["github", "--config", "gated-preview.yaml"], io)).toBe(2);
    expect(io.err()).toContain("gated-preview.yaml: environments.preview: pull-request jobs run in preview, so it takes no reviewers and no branches");
    expect(await stratum(["gitlab"], io)).toBe(2);
    expect(github().requests).toEqual([]);
  });
});
