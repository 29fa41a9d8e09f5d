import type * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/gcp/storage/index.js";
import type { DriverContext } from "../../capability.ts";

export interface SecureBucketArgs {
  /** The customer-managed key objects are encrypted with (`projects/.../cryptoKeys/...`). */
  readonly keyName: pulumi.Input<string>;
  /** Keep overwritten and deleted objects as noncurrent versions for this many days (absent: no versioning). */
  readonly noncurrentVersionRetentionDays?: number;
  /** Delete objects this many days after they were written (absent: kept). */
  readonly expireAfterDays?: number;
  /**
   * Objects can be neither deleted nor overwritten for this many days, and with `locked` nobody can shorten that,
   * not even the project's owner (Bucket Lock: irreversible). A locked bucket is not versioned: an object that
   * cannot be overwritten or deleted has no older versions to keep.
   */
  readonly retention?: { readonly days: number; readonly locked: boolean };
  /** Days a deleted object stays restorable (soft delete); GCP's default is 7, its maximum 90. */
  readonly softDeleteDays: number;
}

const day = 86_400;

/**
 * A Cloud Storage bucket named `<prefix>-<suffix>` (bucket names are global: the prefix carries the platform and
 * environment) in the stack's region, with every protection set explicitly: uniform bucket-level access (no
 * object ACLs), public access prevention enforced, the customer-managed key as the default, soft delete, no
 * `forceDestroy`, and versioning or a retention policy as asked. Access is granted with bucket IAM members only.
 */
export function secureBucket(ctx: DriverContext, suffix: string, args: SecureBucketArgs, opts: pulumi.CustomResourceOptions = {}): storage.Bucket {
  const name = ctx.name(suffix);
  const versioned = args.noncurrentVersionRetentionDays !== undefined && !args.retention;
  const lifecycleRules: storage.BucketArgs["lifecycleRules"] = [
    ...(args.expireAfterDays !== undefined ? [{ action: { type: "Delete" }, condition: { age: args.expireAfterDays, withState: "ANY" } }] : []),
    ...(versioned ? [{ action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: args.noncurrentVersionRetentionDays, withState: "ARCHIVED" } }] : []),
  ];
  return new storage.Bucket(name, {
    name,
    location: ctx.region.toUpperCase(),
    storageClass: "STANDARD",
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    encryption: { defaultKmsKeyName: args.keyName },
    versioning: { enabled: versioned },
    softDeletePolicy: { retentionDurationSeconds: args.softDeleteDays * day },
    ...(args.retention ? { retentionPolicy: { retentionPeriod: String(args.retention.days * day), isLocked: args.retention.locked } } : {}),
    lifecycleRules,
    forceDestroy: false,
  }, { parent: ctx.parent, ...opts });
}
