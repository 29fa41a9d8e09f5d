import type * as pulumi from "@pulumi/pulumi";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";

/**
 * Model artifact storage: private, versioned object storage with a customer-managed key, access-logged. AWS: a
 * secure S3 bucket (the lake's settings). GCP: a `storage.Bucket` (uniform access, public access prevention,
 * CMEK, versioning). Azure: a blob container in a storage account with shared keys off and versioning on.
 */
export interface ModelArtifactsArgs {
  readonly keyId: pulumi.Input<string>;
  /**
   * The network's private connectivity for data stores. AWS and GCP: unused (S3 and GCS are reached through the
   * VPC's gateway endpoint or Private Google Access). Azure: where the storage account's private endpoints go,
   * its only network path (public network access is off).
   */
  readonly connectivity: DataStoreConnectivity;
  /** Days a non-current artifact version is kept. */
  readonly noncurrentVersionRetentionDays: number;
  /** Where object-access logs go (the audit tier's log destination). */
  readonly logDestination: pulumi.Input<string>;
}

export interface ModelArtifacts {
  readonly location: pulumi.Output<string>;
}
