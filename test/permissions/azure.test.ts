import { describe, expect, it } from "vitest";
import { checkPermissions, describeFinding, type PermissionReport } from "../../lib/permissions/check.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { pushAccess, registryLoginAccess, siteInvalidateAccess, siteUploadAccess } from "../../workflows/cloud-access.ts";
import type { Workflow } from "../../workflows/model.ts";
import { aksId, arm, assignment, azurePlan, builtIn, changed, endpointId, login, offline, plus, principalId, registryId, repository, siteAccountId, without } from "./cloud-fixture.ts";
import { access, job, pushWorkflow, step } from "./fixture.ts";

const check = (plans: readonly PlanReport[], all: readonly Workflow[]) => checkPermissions(all, plans, repository, offline);
const messages = (report: PermissionReport) => report.findings.map(describeFinding);
const allowedLines = (report: PermissionReport) => report.allowed.map((a) => `${a.job} / ${a.step}: ${a.action} on ${a.resource}`);
const identity = (kind: string) => arm(`Microsoft.ManagedIdentity/userAssignedIdentities/acme-dev-${kind}`);
const web = `${siteAccountId}/blobServices/default/containers/$web`;
const blobs = "Microsoft.Storage/storageAccounts/blobServices/containers/blobs";
const cluster = ["Microsoft.ContainerService/managedClusters/read", "Microsoft.ContainerService/managedClusters/listClusterUserCredential/action"];

const deploy = pushWorkflow({
  deploy: job([login("azure", "dev-azure", "deploy"), step("Upload the front end", siteUploadAccess("azure")), step("Invalidate the CDN", siteInvalidateAccess("azure")), step("Update the stack", cluster.map((a) => access(a, "clusterName")))], "staging"),
});
const publish = pushWorkflow({ publish: job([login("azure", "dev-azure", "publish"), step("Log in to the stack's registry", registryLoginAccess("azure")), step("Copy api into the registry", pushAccess("azure", "api"))]) });
const denied = (stepName: string, action: string, resource: string, kind = "deploy") =>
  `synthetic.yml ${kind} / ${stepName}: ${action} on ${resource} is denied: no role assignment in the plan gives ${principalId(kind)} a role with ${action} at a scope containing ${resource} for ${identity(kind)}`;

describe("the Azure permission check on a synthetic plan", () => {
  it("allows what the role assignments grant, at the resource's scope or one containing it", async () => {
    const report = await check([azurePlan()], [deploy, publish]);
    expect(messages(report)).toEqual([]);
    expect(report.logins.map((l) => `${l.job} ${l.identity} ${l.subjects.join(",")}`)).toEqual([
      `deploy ${identity("deploy")} repo:${repository}:environment:staging`,
      `publish ${identity("publish")} repo:${repository}:ref:refs/heads/main`,
    ]);
    expect(allowedLines(report)).toEqual([
      ...["read", "write", "delete"].map((a) => `deploy / Upload the front end: ${blobs}/${a} on ${web}`),
      `deploy / Invalidate the CDN: Microsoft.Cdn/profiles/afdEndpoints/purge/action on ${endpointId}`,
      ...cluster.map((a) => `deploy / Update the stack: ${a} on ${aksId}`),
      `deploy / Update the stack: Kubernetes API (needed by ${cluster[1]} on ${aksId}) on ${aksId}`,
      `publish / Log in to the stack's registry: Microsoft.ContainerRegistry/registries/pull/read on ${registryId}`,
      ...["pull/read", "push/write"].map((a) => `publish / Copy api into the registry: Microsoft.ContainerRegistry/registries/${a} on ${registryId}`),
    ]);
  });

  it("denies, with the exact finding, when the role assignment is missing", async () => {
    const report = await check([without(azurePlan(), "acme-dev-deploy-site")], [deploy]);
    expect(messages(report)).toEqual(["read", "write", "delete"].map((a) => denied("Upload the front end", `${blobs}/${a}`, web)));
  });

  it("denies an assignment on another resource's scope; compares scopes ignoring case, as ARM does", async () => {
    const other = arm("Microsoft.Storage/storageAccounts/acmedevother");
    const elsewhere = await check([changed(azurePlan(), "acme-dev-deploy-site", { scope: other })], [deploy]);
    expect(elsewhere.findings.map((f) => f.action)).toEqual(["read", "write", "delete"].map((a) => `${blobs}/${a}`));
    // A sibling whose name begins with the site's is not inside it.
    const sibling = await check([changed(azurePlan(), "acme-dev-deploy-site", { scope: `${siteAccountId}2` })], [deploy]);
    expect(sibling.findings).toHaveLength(3);
    const upper = await check([changed(azurePlan(), "acme-dev-deploy-site", { scope: web.toUpperCase() })], [deploy]);
    expect(messages(upper)).toEqual([]);
    // The resource group contains the site: a wider scope grants (the policy pack, not this check, refuses it).
    const group = await check([changed(azurePlan(), "acme-dev-deploy-site", { scope: arm("").replace(/\/providers\/$/, "") })], [deploy]);
    expect(messages(group)).toEqual([]);
  });

  it("a role without the action does not grant it; notActions take it away; a conditioned assignment is not evaluated", async () => {
    const pull = await check([changed(azurePlan(), "acme-dev-publish-acr", { roleDefinitionId: builtIn.acrPull })], [publish]);
    expect(messages(pull)).toEqual([denied("Copy api into the registry", "Microsoft.ContainerRegistry/registries/push/write", registryId, "publish")]);
    const unlisted = await check([changed(azurePlan(), "acme-dev-deploy-site", { roleDefinitionId: builtIn.storageAccountContributor })], [deploy]);
    expect(unlisted.findings).toHaveLength(3);
    const conditioned = await check([changed(azurePlan(), "acme-dev-deploy-site", { condition: "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name] StringEquals '$web'" })], [deploy]);
    expect(conditioned.findings.map((f) => f.reason)).toEqual(
      ["read", "write", "delete"].map((a) => `cannot be evaluated: the role assignment acme-dev-deploy-site has a condition, which the check does not evaluate (no role assignment in the plan gives ${principalId("deploy")} a role with ${blobs}/${a} at a scope containing ${web} without one)`),
    );
    const notPurge = await check([changed(azurePlan(), "acme-dev-purger", { permissions: [{ actions: ["Microsoft.Cdn/profiles/afdEndpoints/*"], notActions: ["Microsoft.Cdn/profiles/afdEndpoints/purge/action"] }] })], [deploy]);
    expect(messages(notPurge)).toEqual([denied("Invalidate the CDN", "Microsoft.Cdn/profiles/afdEndpoints/purge/action", endpointId)]);
  });

  it("needs Azure RBAC for Kubernetes on the cluster or a namespace, or an RBAC binding, after the user credential", async () => {
    const none = await check([without(azurePlan(), "acme-dev-deploy-namespace")], [deploy]);
    expect(messages(none)).toEqual([
      `synthetic.yml deploy / Update the stack: Kubernetes API (needed by ${cluster[1]} on ${aksId}) on ${aksId} is denied: no Azure RBAC for Kubernetes role assignment on the cluster or its namespaces, and no RoleBinding or ClusterRoleBinding, names ${principalId("deploy")} for ${identity("deploy")}`,
    ]);
    const bound = plus(without(azurePlan(), "acme-dev-deploy-namespace"), {
      urn: "urn:x",
      type: "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
      name: "deploy-edit",
      parent: null,
      inputs: { metadata: { namespace: "acme-dev" }, roleRef: { name: "edit" }, subjects: [{ kind: "User", name: principalId("deploy") }] },
    });
    expect(messages(await check([bound], [deploy]))).toEqual([]);
    const elsewhere = await check([plus(without(azurePlan(), "acme-dev-deploy-namespace"), assignment("x", "deploy", builtIn.rbacAdmin, arm("Microsoft.ContainerService/managedClusters/acme-prod-aks")))], [deploy]);
    expect(elsewhere.findings.map((f) => f.action)).toEqual([`Kubernetes API (needed by ${cluster[1]} on ${aksId})`]);
  });

  it("checks the login: the federated credential's subject, issuer and audience", async () => {
    const fromStaging = pushWorkflow({ publish: job([login("azure", "dev-azure", "publish")], "staging") });
    expect(messages(await check([azurePlan()], [fromStaging]))).toEqual([
      `synthetic.yml publish / Log in to Azure: federated identity credential on ${identity("publish")} is denied: no federated credential of the identity has issuer https://token.actions.githubusercontent.com, subject repo:${repository}:environment:staging and audience api://AzureADTokenExchange for ${identity("publish")}`,
    ]);
    const reasons = async (inputs: Record<string, unknown>) => (await check([changed(azurePlan(), "acme-dev-deploy-github", inputs)], [pushWorkflow({ deploy: job([login("azure", "dev-azure", "deploy")], "staging") })])).findings.map((f) => f.reason);
    expect(await reasons({ issuer: "https://example.com" })).toHaveLength(1);
    expect(await reasons({ audiences: ["api://other"] })).toHaveLength(1);
    expect(await reasons({ subject: `repo:${repository}:environment:Staging` })).toHaveLength(1);
    expect(await reasons({ subject: undefined, claimsMatchingExpression: { value: "claims['sub'] matches 'repo:acme/*'", languageVersion: 1 } })).toEqual([
      "cannot be evaluated: the federated credential acme-dev-deploy-github matches claims by an expression, which the check does not evaluate",
    ]);
  });

  it("reports a client id no identity has", async () => {
    const report = await check([changed(azurePlan(), "acme-dev-deploy", { resourceName: "someone-else" })], [pushWorkflow({ deploy: job([login("azure", "dev-azure", "deploy"), step("x", [access(cluster[0]!, "clusterName")])], "staging") })]);
    expect(messages(report)).toEqual([
      `synthetic.yml deploy: federated identity credential on c11e0000-0000-4000-8000-000000000001 cannot be used: deployIdentity of dev-azure is the client id of no user-assigned identity in the plan for STRATUM_DEV_AZURE_DEPLOY_IDENTITY`,
      "synthetic.yml deploy / x: Microsoft.ContainerService/managedClusters/read on clusterName has no cloud login before it (or its login failed) for no identity",
    ]);
  });
});
