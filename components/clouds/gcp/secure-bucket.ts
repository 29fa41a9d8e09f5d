import type * as pulumi from "@pulumi/pulumi";
import * as storage from "@pulumi/gcp/storage/index.js";
import type * as kms from "@pulumi/gcp/kms/index.js";
import type { DriverContext } from "../../capability.ts";
import { projectOf } from "./project.ts";
import { serviceAgentKeyUse } from "./service-agents.ts";

/**
 * The one way stratum makes a GCS bucket (lake zones, model artifacts, the front-end site): in the stack's region,
 * uniform bucket-level access (IAM only, no ACLs), public access prevention enforced, a customer-managed default
 * key, versioning with non-current versions deleted after the contract's retention, soft delete, access logs to
 * the audit tier's log bucket, and never destroyed with its objects.
 */
export interface SecureBucketArgs {
  readonly keyId: pulumi.Input<string>;
  /** Days a non-current object version is kept (the name every contract uses for this idea). */
  readonly noncurrentVersionRetentionDays: number;
  /** The bucket usage and storage logs go to (GCS access logs are objects in a bucket), under `<bucket>/`. */
  readonly accessLogBucket: pulumi.Input<string>;
  /** The page a load balancer's backend bucket serves for a directory, and for a missing object (the front end's). */
  readonly website?: { readonly mainPageSuffix: string; readonly notFoundPage: string };
}

export interface SecureBucket {
  readonly bucket: storage.Bucket;
  /** The storage service agent's use of the key: a CMEK bucket cannot be created without it. */
  readonly keyAgent: kms.CryptoKeyIAMMember;
}

/**
 * Deleted objects stay restorable for 7 days, GCS's default and its minimum: versioning already keeps overwritten
 * data for the contract's days, and a longer soft delete would bill every deleted version twice.
 */
export const softDeleteSeconds = 7 * 24 * 60 * 60;
/** Days an incomplete multipart upload is kept: its parts are invisible and only cost money. */
const abortIncompleteUploadDays = 7;

/**
 * GCS bucket names are global: `<project>-<platform>-<environment>-<suffix>`, unique because project ids are, and
 * known before the bucket exists (the workflows and the workloads' `gs://` URLs name it).
 */
export function secureBucketName(ctx: DriverContext, suffix: string): string {
  const name = `${projectOf(ctx).projectId}-${ctx.name(suffix)}`;
  if (name.length > 63 || !/^[a-z0-9][a-z0-9-]*[a-z0-9]$/.test(name) || name.includes("google") || name.startsWith("goog")) {
    throw new Error(`GCS bucket name "${name}" (project id, platform name, environment and "${suffix}") is invalid: expected at most 63 lower-case letters, digits and dashes, without "google"; shorten the platform name`);
  }
  return name;
}

export function secureBucket(ctx: DriverContext, suffix: string, args: SecureBucketArgs): SecureBucket {
  const name = secureBucketName(ctx, suffix);
  const keyAgent = serviceAgentKeyUse(ctx, suffix, "storage", args.keyId);
  const bucket = new storage.Bucket(ctx.name(suffix), {
    name,
    location: ctx.region,
    storageClass: "STANDARD",
    uniformBucketLevelAccess: true,
    publicAccessPrevention: "enforced",
    forceDestroy: false,
    versioning: { enabled: true },
    encryption: { defaultKmsKeyName: args.keyId },
    softDeletePolicy: { retentionDurationSeconds: softDeleteSeconds },
    lifecycleRules: [
      { action: { type: "Delete" }, condition: { daysSinceNoncurrentTime: args.noncurrentVersionRetentionDays, withState: "ARCHIVED" } },
      { action: { type: "AbortIncompleteMultipartUpload" }, condition: { age: abortIncompleteUploadDays } },
    ],
    logging: { logBucket: args.accessLogBucket, logObjectPrefix: name },
    ...(args.website ? { website: { ...args.website } } : {}),
  }, { parent: ctx.parent, dependsOn: [keyAgent] });
  return { bucket, keyAgent };
}
