import type * as pulumi from "@pulumi/pulumi";
import type { Grant } from "../../grants.ts";
import type { AccessLevel } from "../../spec/index.ts";

/** A principal's access to the lake: its level on each zone it is granted. */
export type LakeAccess = Readonly<Record<string, AccessLevel>>;

/**
 * The data lake: one object-storage location per zone (raw, curated, ...). No public access, customer-managed
 * key, versioning, TLS-only access. AWS: an S3 bucket per zone. GCP: a `storage.Bucket` per zone (uniform access,
 * public access prevention, CMEK, soft delete). Azure: a `storage.StorageAccount` with hierarchical namespace and
 * a `BlobContainer` per zone (shared keys off, network rules `Deny`).
 */
export interface LakeArgs {
  readonly zones: readonly string[];
  readonly noncurrentVersionRetentionDays: number;
  readonly keyId: pulumi.Input<string>;
  /** Where object-access logs go (the audit tier's log destination). */
  readonly logDestination: pulumi.Input<string>;
  /**
   * Who may read (list, get) or read and write (also put, delete) which zones, and use the lake key for it.
   * AWS: a policy on the principal's role for each zone's bucket and its objects, decrypt (and data keys for
   * writes) on the lake key. GCP: `roles/storage.objectViewer` or `objectUser` on each zone's bucket (no key role:
   * GCS uses the key as its own service agent, so a key role would only let the principal use it outside GCS). Azure: Storage Blob Data Reader or Contributor on
   * each zone's container.
   */
  readonly grants: readonly Grant<LakeAccess>[];
}

export interface Lake {
  /** Bucket (or container URL) per zone name. */
  readonly zoneLocations: Readonly<Record<string, pulumi.Output<string>>>;
}
