import type * as pulumi from "@pulumi/pulumi";
import type * as storage from "@pulumi/gcp/storage/index.js";
import type { DriverContext } from "../../capability.ts";
import { secureBucket } from "./secure-bucket.ts";

/**
 * Days a deleted object stays restorable: GCS's default and minimum, 7. Versioning already keeps overwritten and
 * deleted data for the contract's days; a longer soft delete would bill each deleted version twice.
 */
export const softDeleteDays = 7;

/**
 * A data bucket (lake zone, model artifacts, the site): the secure bucket (secure-bucket.ts) under the domain's
 * key, versioned with non-current versions kept the contract's days. Object access is not logged by GCS usage
 * logs: the audit tier's data-access audit logs (`allServices`, DATA_READ and DATA_WRITE) record every object read
 * and write with the caller's identity and sink them to the locked log bucket, which Google recommends over usage
 * logs; so the contracts' `logDestination` is not needed on GCP.
 */
export function dataBucket(ctx: DriverContext, suffix: string, args: { readonly keyId: pulumi.Input<string>; readonly noncurrentVersionRetentionDays: number }): storage.Bucket {
  return secureBucket(ctx, suffix, { keyName: args.keyId, noncurrentVersionRetentionDays: args.noncurrentVersionRetentionDays, softDeleteDays });
}
