import { asArray } from "../inputs.ts";
import type { TypeCheck } from "./by-type.ts";

/**
 * GCP grants come as one resource per (scope, role, member) — `*IAMMember` with `member` — or per (scope, role)
 * with a `members` list — `*IAMBinding`. The tokens, by what they grant on, as @pulumi/gcp 9 registers them.
 */
export const gcpIamTypes = {
  bucket: ["gcp:storage/bucketIAMMember:BucketIAMMember", "gcp:storage/bucketIAMBinding:BucketIAMBinding"],
  dataset: ["gcp:bigquery/datasetIamMember:DatasetIamMember", "gcp:bigquery/datasetIamBinding:DatasetIamBinding"],
  repository: ["gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "gcp:artifactregistry/repositoryIamBinding:RepositoryIamBinding"],
  secret: ["gcp:secretmanager/secretIamMember:SecretIamMember", "gcp:secretmanager/secretIamBinding:SecretIamBinding"],
  cryptoKey: ["gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember", "gcp:kms/cryptoKeyIAMBinding:CryptoKeyIAMBinding"],
  keyRing: ["gcp:kms/keyRingIAMMember:KeyRingIAMMember", "gcp:kms/keyRingIAMBinding:KeyRingIAMBinding"],
  serviceAccount: ["gcp:serviceaccount/iAMMember:IAMMember", "gcp:serviceaccount/iAMBinding:IAMBinding"],
  project: ["gcp:projects/iAMMember:IAMMember", "gcp:projects/iAMBinding:IAMBinding"],
  folder: ["gcp:folder/iAMMember:IAMMember", "gcp:folder/iAMBinding:IAMBinding"],
  organization: ["gcp:organizations/iAMMember:IAMMember", "gcp:organizations/iAMBinding:IAMBinding"],
} as const satisfies Record<string, readonly string[]>;

export type GcpIamScope = keyof typeof gcpIamTypes;

/** The members a GCP IAM member or binding grants its role to. */
export function gcpMembers(inputs: Readonly<Record<string, unknown>>): unknown[] {
  return [...asArray(inputs["member"]), ...asArray(inputs["members"])];
}

/** A table entry for every IAM type of the given scopes, all judged by the same check. */
export function forGcpIam(scopes: readonly GcpIamScope[], check: TypeCheck): Record<string, TypeCheck> {
  return Object.fromEntries(scopes.flatMap((scope) => gcpIamTypes[scope].map((type) => [type, check])));
}
