import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { azureRoles } from "../../lib/permissions/azure-roles.ts";
import { wildcardMatch } from "../../lib/permissions/cloud-check.ts";
import { gcpRoles } from "../../lib/permissions/gcp-roles.ts";

/**
 * The role tables against the roles as Google and Microsoft publish them (extracts in role-sources/, each file
 * naming the published file and commit it was taken from): a permission a table says a role grants that the
 * role does not hold fails here, and so does a GUID that names another role.
 */
const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(`./role-sources/${file}`, import.meta.url), "utf8")) as T;
const gcp = read<{ source: string; roles: Record<string, { stage: string; includedPermissions: string[] }> }>("gcp-roles.json");
type AzurePermissions = { actions: string[]; notActions: string[]; dataActions: string[]; notDataActions: string[] };
const azure = read<{ source: string; roles: Record<string, { roleName: string; permissions: AzurePermissions[] }> }>("azure-roles.json");

describe("the GCP role table against Google's predefined roles", () => {
  const predefined = gcpRoles.filter((r) => r.role.startsWith("roles/"));

  it.each(predefined.map((r) => [r.role, r] as const))("%s holds every permission the table lists, and is GA", (role, entry) => {
    const published = gcp.roles[role];
    expect(published, `${role} is not in ${gcp.source}`).toBeDefined();
    expect(published!.stage).toBe("GA");
    expect(entry.grants.filter((g) => !published!.includedPermissions.includes(g))).toEqual([]);
    expect(entry.checked).toBe(`${gcp.source.replace("/tree/", "/blob/")}/${role.slice("roles/".length)}.json`);
  });

  it("lists only custom roles the drivers define beside the predefined ones", () => {
    expect(gcpRoles.filter((r) => !r.role.startsWith("roles/")).map((r) => r.role)).toEqual(["custom:stratumReviewBinder", "custom:stratumCdnInvalidator", "custom:stratumModelUploader"]);
  });
});

describe("the Azure role table against the built-in role definitions", () => {
  const covered = (patterns: readonly string[], action: string) => patterns.some((p) => wildcardMatch(p, action));

  it.each(azureRoles.filter((r) => !r.role.startsWith("custom:")).map((r) => [r.role, r] as const))("%s: its GUID names it, and it holds what the table lists", (role, entry) => {
    const published = azure.roles[entry.id ?? ""];
    expect(published, `${role} has no id in ${azure.source}`).toBeDefined();
    expect(published!.roleName).toBe(role);
    const all = (key: keyof AzurePermissions) => published!.permissions.flatMap((p) => p[key]);
    expect(entry.grants.filter((g) => !covered(all("actions"), g))).toEqual([]);
    expect((entry.dataGrants ?? []).filter((g) => !covered(all("dataActions"), g))).toEqual([]);
    expect((entry.except ?? []).filter((g) => !all("notActions").includes(g) && !all("notDataActions").includes(g))).toEqual([]);
    expect(entry.checked).toBe(azure.source);
  });

  it("tells a wrong entry: the check above fails for a GUID of another role or an action the role lacks", () => {
    const acrPull = azure.roles["7f951dda-4ed3-4680-a7ca-43fe172d538d"]!;
    expect(acrPull.roleName).toBe("AcrPull");
    expect(covered(acrPull.permissions.flatMap((p) => p.actions), "Microsoft.ContainerRegistry/registries/push/write")).toBe(false);
  });
});
