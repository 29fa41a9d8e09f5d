import { describe, expect, it } from "vitest";
import { azureRoles } from "../../lib/permissions/azure-roles.ts";
import { gcpRoles } from "../../lib/permissions/gcp-roles.ts";
import { roleGrants, rolesGranting, type IdentityKind, type RoleEntry } from "../../lib/permissions/role-table.ts";
import { actions } from "../../workflows/actions.ts";
import type { Job } from "../../workflows/model.ts";
import { workflows } from "../../workflows/synth.ts";
import { fixturePlatform } from "./fixture.ts";

/**
 * The role tables say what the GCP and Azure drivers bind to each CI identity. Every action a GCP or Azure step
 * declares must be granted by a role the table binds to the identity that step's job logs in as, so a driver that
 * binds the table's roles gives every generated job what it does.
 */
const platform = fixturePlatform();
const all = workflows(platform);
const tables = { gcp: gcpRoles, azure: azureRoles } as const;
const logins = { gcp: { action: actions.gcpAuth.action, input: "workload_identity_provider" }, azure: { action: actions.azureLogin.action, input: "client-id" } } as const;

/** The identity kind a job logs in as, read from its login step's identity variable. */
function identityKind(job: Job, cloud: "gcp" | "azure"): IdentityKind | undefined {
  const login = job.steps.find((s) => s.uses?.action === logins[cloud].action);
  const variable = String(login?.with?.[logins[cloud].input] ?? "");
  return /_(DEPLOY|PREVIEW|PUBLISH)_IDENTITY \}\}$/.exec(variable)?.[1]?.toLowerCase() as IdentityKind | undefined;
}

describe.each(["gcp", "azure"] as const)("the %s role table", (cloud) => {
  const stacks = platform.stacks.filter((s) => s.cloud === cloud);

  it("grants every action the stack's steps declare to the identity their job logs in as", () => {
    expect(stacks.length).toBeGreaterThan(0);
    const uncovered: string[] = [];
    const kinds = new Set<IdentityKind>();
    let checked = 0;
    for (const w of all.filter((w) => w.fileName !== "review.yml")) {
      for (const [id, job] of Object.entries(w.jobs)) {
        if (!stacks.some((s) => id.endsWith(`-${s.name}`))) continue;
        const declared = job.steps.flatMap((s) => (s.cloudAccess ?? []).map((a) => ({ step: s.name, action: a.action })));
        if (declared.length === 0) continue;
        const kind = identityKind(job, cloud);
        expect(kind, `${w.fileName}#${id} declares cloud access but logs in as no stack identity`).toBeDefined();
        kinds.add(kind!);
        for (const { step, action } of declared) {
          checked++;
          if (rolesGranting(tables[cloud], kind!, action).length === 0) uncovered.push(`${w.fileName}#${id}/${step}: ${action} is granted to the ${kind} identity by no role in the ${cloud} table`);
        }
      }
    }
    expect(uncovered).toEqual([]);
    expect([...kinds].sort()).toEqual(["deploy", "preview", "publish"]);
    expect(checked).toBeGreaterThan(40);
  });

  it("names a source for every role, and binds none it lists only to say why not", () => {
    for (const r of tables[cloud] as readonly RoleEntry[]) {
      expect(r.source, r.role).toMatch(r.role.startsWith("custom:") ? /driver/ : /^https:\/\/(cloud\.google\.com|learn\.microsoft\.com)\//);
      if (!r.grantTo) expect(r.note, r.role).toBeTruthy();
    }
  });
});

describe("role matching", () => {
  const role = (name: string) => azureRoles.find((r) => r.role === name)!;

  it("follows Azure's wildcards and notActions", () => {
    expect(roleGrants(role("CDN Profile Contributor"), "Microsoft.Cdn/profiles/afdEndpoints/purge/action")).toBe(true);
    // Classic CDN endpoints are another resource type: this role cannot purge Front Door.
    expect(roleGrants(role("CDN Endpoint Contributor"), "Microsoft.Cdn/profiles/afdEndpoints/purge/action")).toBe(false);
    const scientist = role("AzureML Data Scientist");
    expect(roleGrants(scientist, "Microsoft.MachineLearningServices/workspaces/onlineEndpoints/deployments/write")).toBe(true);
    expect(roleGrants(scientist, "Microsoft.MachineLearningServices/workspaces/computes/cpu/write")).toBe(false);
    expect(roleGrants(role("Storage Blob Data Reader"), "microsoft.storage/storageaccounts/blobservices/containers/blobs/read")).toBe(true);
    expect(roleGrants(role("Storage Blob Data Reader"), "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write")).toBe(false);
  });

  it("grants only to the identities a role is bound to", () => {
    expect(rolesGranting(gcpRoles, "publish", "artifactregistry.repositories.uploadArtifacts").map((r) => r.role)).toEqual(["roles/artifactregistry.writer"]);
    expect(rolesGranting(gcpRoles, "deploy", "artifactregistry.repositories.uploadArtifacts")).toEqual([]);
    expect(rolesGranting(gcpRoles, "preview", "storage.objects.create")).toEqual([]);
    expect(rolesGranting(azureRoles, "preview", "Microsoft.Storage/storageAccounts/blobServices/containers/blobs/write")).toEqual([]);
    // A role listed for comparison is bound to nobody, however much it grants.
    expect(rolesGranting(gcpRoles, "deploy", "compute.urlMaps.invalidateCache").map((r) => r.role)).toEqual(["custom:stratumCdnInvalidator"]);
  });
});
