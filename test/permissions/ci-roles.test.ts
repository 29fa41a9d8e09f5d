import { describe, expect, it } from "vitest";
import { azureRoles } from "../../lib/permissions/azure-roles.ts";
import { ciRoleBindings, unlistedBindings } from "../../lib/permissions/ci-roles.ts";
import { gcpRoles } from "../../lib/permissions/gcp-roles.ts";
import { assignment, azurePlan, builtIn, changed, gcpPlan, offline, plus, poolSet, resource } from "./cloud-fixture.ts";

/** The role tables hold the drivers to exactly the roles they list: a plan binding another role to a CI identity fails. */
describe("the roles a plan binds to its CI identities, against the role table", () => {
  it("reads GCP's bindings per identity, custom roles by their id", async () => {
    const bound = await ciRoleBindings(gcpPlan(), offline);
    expect(bound.map((b) => `${b.kind} ${b.role}`).sort()).toEqual(["deploy custom:stratumCdnInvalidator", "deploy roles/artifactregistry.reader", "deploy roles/container.clusterViewer", "deploy roles/storage.objectUser", "publish roles/artifactregistry.writer"].sort());
    expect(unlistedBindings(gcpRoles, bound)).toEqual([]);
  });

  it("fails a GCP binding of a role the table does not list, or to another identity", async () => {
    const p = plus(changed(gcpPlan(), "acme-dev-api-deploy", { role: "roles/artifactregistry.writer" }), resource("gcp:projects/iAMMember:IAMMember", "too-much", { project: "acme-platform-dev", role: "roles/editor", member: poolSet("preview") }));
    expect(unlistedBindings(gcpRoles, await ciRoleBindings(p, offline))).toEqual([
      "dev-gcp: acme-dev-api-deploy binds roles/artifactregistry.writer to the deploy identity, which the table binds to publish, review",
      "dev-gcp: too-much binds roles/editor to the preview identity, a role the table does not list",
    ]);
  });

  it("reads Azure's assignments per identity, built-in roles by GUID, custom ones by name", async () => {
    const bound = await ciRoleBindings(azurePlan(), offline);
    expect(bound.map((b) => `${b.kind} ${b.role}`).sort()).toEqual([
      "deploy AcrPull",
      "deploy Azure Kubernetes Service Cluster User Role",
      "deploy Azure Kubernetes Service RBAC Admin",
      "deploy Storage Blob Data Contributor",
      "deploy custom:stratum Front Door purger",
      "publish AcrPush",
    ]);
    expect(unlistedBindings(azureRoles, bound)).toEqual([]);
    const more = plus(azurePlan(), assignment("contributor", "preview", builtIn.storageAccountContributor, "/subscriptions/x"));
    expect(unlistedBindings(azureRoles, await ciRoleBindings(more, offline))).toEqual(["dev-azure: contributor binds 17d1049b-9a84-46fb-8f53-869881c3d3ab to the preview identity, a role the table does not list"]);
  });
});
