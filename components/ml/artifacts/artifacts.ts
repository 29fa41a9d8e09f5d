import type * as pulumi from "@pulumi/pulumi";

/**
 * Model artifact storage: private, versioned object storage with a customer-managed key, access-logged. AWS: a
 * secure S3 bucket (the lake's settings). GCP: a `storage.Bucket` (uniform access, public access prevention,
 * CMEK, versioning). Azure: a blob container in a storage account with shared keys off and versioning on.
 */
export interface ModelArtifactsArgs {
  readonly keyId: pulumi.Input<string>;
  /** Days a non-current artifact version is kept. */
  readonly noncurrentVersionRetentionDays: number;
  /** Where object-access logs go (the audit tier's log destination). */
  readonly logDestination: pulumi.Input<string>;
}

export interface ModelArtifacts {
  readonly location: pulumi.Output<string>;
}
