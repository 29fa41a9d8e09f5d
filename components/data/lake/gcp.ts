import type * as pulumi from "@pulumi/pulumi";
import type * as storage from "@pulumi/gcp/storage/index.js";
import type { Driver } from "../../capability.ts";
import { bucketGrant } from "../../clouds/gcp/bucket-grant.ts";
import { dataBucket } from "../../clouds/gcp/data-bucket.ts";
import type { AccessLevel } from "../../spec/index.ts";
import type { Lake, LakeArgs } from "./lake.ts";

export interface GcpLake extends Lake {
  readonly native: {
    readonly zones: Readonly<Record<string, storage.Bucket>>;
    /** Per principal granted, its binding on each zone's bucket. */
    readonly grants: Readonly<Record<string, readonly storage.BucketIAMMember[]>>;
  };
}

/** Read lists and gets objects; readwrite also creates, overwrites and deletes them. Neither touches IAM or the bucket. */
export const lakeRoles: Readonly<Record<AccessLevel, string>> = { read: "roles/storage.objectViewer", readwrite: "roles/storage.objectUser" };

/**
 * One secure bucket per lake zone (see clouds/gcp/data-bucket.ts) under the lake key; each grant a binding on each
 * granted zone's bucket (`<prefix>-<principal>-lake-<zone>`).
 */
export const gcpLake: Driver<LakeArgs, GcpLake> = {
  create(args, ctx) {
    const zones = Object.fromEntries(args.zones.map((zone) => [zone, dataBucket(ctx, `lake-${zone}`, { keyId: args.keyId, noncurrentVersionRetentionDays: args.noncurrentVersionRetentionDays })]));
    const grants = Object.fromEntries(args.grants.map((grant) => [grant.principal.name, Object.entries(grant.access).map(([zone, level]) => {
      const bucket = zones[zone];
      if (!bucket) throw new Error(`lake grant to ${grant.principal.name} on zone "${zone}", which the lake does not have (zones: ${args.zones.join(", ")})`);
      return bucketGrant(ctx, `lake-${zone}`, grant.principal, bucket.name, lakeRoles[level]);
    })]));
    const zoneLocations: Record<string, pulumi.Output<string>> = Object.fromEntries(Object.entries(zones).map(([zone, bucket]) => [zone, bucket.name]));
    return { zoneLocations, native: { zones, grants } };
  },
};
