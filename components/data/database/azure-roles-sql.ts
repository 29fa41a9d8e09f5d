import * as pulumi from "@pulumi/pulumi";
import type { Grant } from "../../grants.ts";
import type { DatabaseAccess } from "./database.ts";

const roleName = /^[a-z_][a-z0-9_-]{0,62}$/;

/**
 * What maps each granted identity to its PostgreSQL role on an Entra-authenticated Flexible Server: the
 * `pgaadauth_create_principal_with_oid(role, object id, 'service', is_admin, is_mfa)` function, run in the
 * `postgres` database by the server's Entra administrator (ARM cannot create roles inside the server). The
 * object id is the identity's principal id, so the role is bound to that identity and not to a name anyone
 * could give another. Role names are validated: they reach SQL text, quoted, and only from the spec.
 */
export function roleSetupSql(grants: readonly Grant<DatabaseAccess>[]): pulumi.Output<string> {
  for (const grant of grants) {
    if (!roleName.test(grant.access.user)) throw new Error(`database user ${JSON.stringify(grant.access.user)} of ${grant.principal.name} is not a PostgreSQL role name (lowercase letters, digits, '_' and '-', at most 63)`);
  }
  return pulumi.all(grants.map((g) => g.principal.id)).apply((ids) =>
    grants.map((g, i) => {
      // Azure's own value (a GUID), quoted as SQL quotes a literal all the same.
      const id = (ids[i] ?? "").replace(/'/g, "''");
      return `SELECT * FROM pgaadauth_create_principal_with_oid('${g.access.user}', '${id}', 'service', false, false);`;
    }).join("\n"));
}
