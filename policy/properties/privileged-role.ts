/*
 * "A privileged role", defined once per cloud: roles that grant everything (or the right to grant everything),
 * which no workload, pipeline or CI identity of the platform needs.
 */

/**
 * AWS-managed policies that grant a whole service or everything: AdministratorAccess (and its -Amplify-style
 * variants), PowerUserAccess, every *FullAccess, and the job-function administrators. A customer policy given one
 * of these names is reported too: the name is what a reviewer reads.
 */
export const awsAdminPolicies = /:policy\/(?:[\w+=,.@-]+\/)*(AdministratorAccess[\w+=,.@-]*|PowerUserAccess|[\w+=,.@-]*FullAccess[\w+=,.@-]*|(?:System|Network|Database)Administrator)$/;

/**
 * GCP's basic (primitive) roles, which span every service of the project, and the role that administers IAM
 * itself. `roles/viewer` reads every resource's data-plane metadata and many services' data.
 */
export const gcpPrivilegedRoles = ["roles/owner", "roles/editor", "roles/viewer", "roles/iam.securityAdmin"];

/**
 * Azure built-in role definition ids (the GUID at the end of `roleDefinitionId`), from Microsoft's list of Azure
 * built-in roles, "Privileged" section (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles).
 */
export const azurePrivilegedRoles: Readonly<Record<string, string>> = {
  "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
  "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
  "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
  "f58310d9-a9f6-439a-9e8d-f62e7b41a168": "Role Based Access Control Administrator",
};

/** The privileged built-in role a role definition id names, or undefined. */
export function azurePrivilegedRole(roleDefinitionId: unknown): string | undefined {
  const id = String(roleDefinitionId ?? "").toLowerCase().replace(/\/+$/, "");
  return Object.entries(azurePrivilegedRoles).find(([guid]) => id === guid || id.endsWith(`/${guid}`))?.[1];
}

/** A scope that covers a whole subscription or management group rather than a resource group or resource. */
export function isBroadAzureScope(scope: unknown): boolean {
  // An unresolved scope counts as the widest: the rule reports rather than assumes.
  if (typeof scope !== "string") return true;
  const s = scope.trim().replace(/\/+$/, "").toLowerCase();
  return s === "" || s === "/" || /^\/subscriptions\/[^/]+$/.test(s) || /^\/providers\/microsoft\.management\/managementgroups\/[^/]+$/.test(s);
}
