import type * as pulumi from "@pulumi/pulumi";

/**
 * Audit logging for the whole stack. AWS: CloudTrail (multi-region, log-file validation, KMS) to a log bucket.
 * GCP: data-access audit config + a log sink. Azure: Log Analytics workspace + diagnostic settings.
 */
export interface AuditArgs {
  readonly keyId: pulumi.Input<string>;
  /** Days audit logs are kept (and their non-current versions, where the store versions them). */
  readonly logRetentionDays: number;
}

export interface Audit {
  /** Where audit and access logs land: a bucket name, a sink destination, or a workspace id. */
  readonly logDestination: pulumi.Output<string>;
}
