import { createHash } from "node:crypto";

/**
 * A service account's id (the part of its email before `@`) from a stack-unique name such as `acme-dev-orders`:
 * GCP takes 6 to 30 lowercase letters, digits and '-', starting with a letter and not ending with '-'
 * (https://cloud.google.com/iam/docs/service-accounts-create#creating). A name that fits is used as it is, so the
 * id reads like every other resource's name; a longer one keeps its first 23 characters and a hash of the whole,
 * so two long names never collide; a shorter one is padded with `-sa`. Workload identity, the Cloud SQL IAM user
 * (`<id>@<project>.iam`) and the grants all take the id from here, so they cannot disagree.
 */
export function serviceAccountId(name: string): string {
  const cleaned = name.toLowerCase().replace(/[^a-z0-9-]+/g, "-").replace(/^[^a-z]+/, "").replace(/-+$/, "");
  if (cleaned === "") throw new Error(`cannot make a service account id from "${name}": it has no letter to start with`);
  if (cleaned.length > 30) {
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 6);
    return `${cleaned.slice(0, 23).replace(/-+$/, "")}-${hash}`;
  }
  return cleaned.length < 6 ? `${cleaned}-sa`.padEnd(6, "0") : cleaned;
}

/** The service account's email in the stack's project. */
export function serviceAccountEmail(name: string, project: string): string {
  return `${serviceAccountId(name)}@${project}.iam.gserviceaccount.com`;
}
