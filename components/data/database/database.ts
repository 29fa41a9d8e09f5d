import type * as pulumi from "@pulumi/pulumi";
import type { DatabaseSpec } from "../../spec/index.ts";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";

/**
 * Managed PostgreSQL. AWS: RDS. GCP: Cloud SQL. Azure: Flexible Server. Private only, encrypted with a
 * customer-managed key, TLS enforced, backups from the profile.
 */
export interface DatabaseArgs extends DatabaseSpec {
  /** The network's private connectivity for data stores: the store is reachable only through it. */
  readonly connectivity: DataStoreConnectivity;
  readonly keyId: pulumi.Input<string>;
}

export interface Database {
  readonly host: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly databaseName: pulumi.Output<string>;
  /** Where the admin credential lives (a secret manager reference), a Pulumi secret. */
  readonly adminSecretRef: pulumi.Output<string>;
  /**
   * The instance's cloud identifier that workload identity grants are scoped to (AWS: the RDS `DbiResourceId` in
   * `rds-db:connect` ARNs; GCP: the instance connection name; Azure: the server's resource id).
   */
  readonly resourceId: pulumi.Output<string>;
}
