import * as pulumi from "@pulumi/pulumi";
import type { Principal } from "../../grants.ts";

/**
 * The IAM member string of a principal, as every `*IAMMember` resource's `member` takes it: a workload's service
 * account email becomes `serviceAccount:<email>`; a CI identity's workload identity pool is already a principal
 * set (`principalSet://iam.googleapis.com/...`, direct federation) and is used as it is. Every GCP driver that
 * grants a principal on its own resource (bucket, dataset, repository, key, instance) goes through here.
 */
export function iamMember(principal: Principal): pulumi.Output<string> {
  return principal.id.apply(memberOf);
}

/** The member of one principal id (an email, `principal://` or `principalSet://`, or an already-typed member). */
export function memberOf(id: string): string {
  if (/^(principal|principalSet):\/\//.test(id)) return id;
  if (/^(serviceAccount|user|group|domain):/.test(id)) return id;
  if (/^[a-z0-9-]+@[a-z0-9.-]+\.iam\.gserviceaccount\.com$/.test(id)) return `serviceAccount:${id}`;
  throw new Error(`cannot grant "${id}": expected a service account email or a workload identity principal set`);
}

/**
 * A resource-scoped IAM grant's logical name: `<prefix>-<principal>-<what>` (e.g. `acme-dev-api-lake-raw`), so
 * each grant is its own resource and one principal's grants are listed together.
 */
export function grantName(ctx: { readonly name: (suffix: string) => string }, principal: Principal, what: string): string {
  return ctx.name(`${principal.name}-${what}`);
}
