import type * as pulumi from "@pulumi/pulumi";

/**
 * One IAM shape for every capability. Identities are built first (the workloads' and the CI jobs'), and their
 * principals are handed to the capabilities that grant them, so each driver binds its own resource: on GCP an IAM
 * member on the bucket, repository, dataset or key; on Azure a role assignment scoped to the resource; on AWS a
 * policy statement attached to the principal's role (or the resource's policy, where that is AWS's way). An
 * identity's own contract only creates the principal and its binding to whoever assumes it.
 */
export interface Principal {
  /** Unique in the stack; names the grant's resources: the workload (`api`) or the CI identity (`deploy`). */
  readonly name: string;
  /** The cloud's identifier. AWS: the IAM role's ARN. GCP: the service account's email. Azure: the identity's principal id. */
  readonly id: pulumi.Output<string>;
}

/** `access` is the capability's own vocabulary (`read`/`readwrite` for data, `push`/`pull` for images, ...). */
export interface Grant<Access> {
  readonly principal: Principal;
  readonly access: Access;
}
