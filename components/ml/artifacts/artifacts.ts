import type * as pulumi from "@pulumi/pulumi";

/** Model artifact storage: private, versioned object storage with a customer-managed key. */
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
