import type * as pulumi from "@pulumi/pulumi";
import type { Principal } from "../../grants.ts";

/**
 * The IAM member string of a principal: a workload's service account email becomes `serviceAccount:<email>`; a
 * CI identity's `principalSet://` or `principal://` identifier (direct workload identity federation) is already one.
 */
export function memberOf(principal: Principal): pulumi.Output<string> {
  return principal.id.apply((id) => (/^principal(Set)?:\/\//.test(id) ? id : `serviceAccount:${id}`));
}
