import { wildcardMatch } from "./cloud-check.ts";

/**
 * The shape of the per-cloud role tables (gcp-roles.ts, azure-roles.ts): which predefined or built-in roles the
 * drivers bind to a stack's CI identities, what each grants of what the workflows' steps declare (`Step.cloudAccess`),
 * and where that is written down. A step's action is covered when a role granted to the job's identity grants it;
 * the test over the generated workflows holds every GCP and Azure step to that.
 */

export type IdentityKind = "deploy" | "preview" | "publish" | "review";

export interface RoleEntry {
  /** `roles/artifactregistry.writer`, `AcrPush`, or a custom role the driver defines (`custom:` prefix). */
  readonly role: string;
  /** Azure: the built-in role's definition id (a GUID, the last segment of a role assignment's `roleDefinitionId`). */
  readonly id?: string;
  /** What the role grants, as the cloud writes it. Azure: actions; `*` matches any run of characters. */
  readonly grants: readonly string[];
  /** Azure: data actions (blob contents, key operations), matched like `grants`. */
  readonly dataGrants?: readonly string[];
  /** Azure: what the role's `notActions` / `notDataActions` take away from the above. */
  readonly except?: readonly string[];
  /** The identities the drivers bind it to, and on what; absent for a role listed only to say why it is not used. */
  readonly grantTo?: readonly IdentityKind[];
  readonly scope: string;
  /** Where the role's permissions are listed (the cloud's reference page), or the driver for a custom role. */
  readonly source: string;
  /** The published role data `grants` was checked against (a file at a commit), for predefined and built-in roles. */
  readonly checked?: string;
  /**
   * Bound where the Pulumi state backend is made (its bucket or container and its secrets key), not by a driver:
   * no stack's plan binds it, so the plans are held to the table's other roles only.
   */
  readonly outsideStack?: boolean;
  readonly note?: string;
}

/** Whether the role grants the action (or data action), after its exceptions. */
export function roleGrants(role: RoleEntry, action: string): boolean {
  const granted = [...role.grants, ...(role.dataGrants ?? [])].some((g) => wildcardMatch(g, action));
  return granted && !(role.except ?? []).some((g) => wildcardMatch(g, action));
}

/** The roles of a table bound to an identity of this kind that grant the action. */
export function rolesGranting(table: readonly RoleEntry[], kind: IdentityKind, action: string): RoleEntry[] {
  return table.filter((r) => r.grantTo?.includes(kind) && roleGrants(r, action));
}
