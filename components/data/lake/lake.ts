import type * as pulumi from "@pulumi/pulumi";

/**
 * The data lake: one object-storage location per zone (raw, curated, ...). AWS: S3 buckets. GCP: GCS buckets.
 * Azure: ADLS Gen2 containers. No public access, customer-managed key, versioning, TLS-only access.
 */
export interface LakeArgs {
  readonly zones: readonly string[];
  readonly noncurrentVersionRetentionDays: number;
  readonly keyId: pulumi.Input<string>;
  /** Where object-access logs go (the audit tier's log destination). */
  readonly logDestination: pulumi.Input<string>;
}

export interface Lake {
  /** Bucket (or container URL) per zone name. */
  readonly zoneLocations: Readonly<Record<string, pulumi.Output<string>>>;
}
