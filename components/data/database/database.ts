import type * as pulumi from "@pulumi/pulumi";
import type { AccessLevel, DatabaseSpec } from "../../spec/index.ts";
import type { Grant } from "../../grants.ts";
import type { DataStoreConnectivity } from "../../infra/network/network.ts";

/**
 * Managed PostgreSQL, private only (placed on the network's data-store connectivity), encrypted with a
 * customer-managed key, TLS enforced, IAM/Entra authentication, backups, high availability and deletion
 * protection from the profile. AWS: `rds.Instance` (multi-AZ for `highAvailability`, `rds.force_ssl`). GCP:
 * `sql.DatabaseInstance` (`REGIONAL` for `highAvailability`, private IP only, `ENCRYPTED_ONLY`). Azure:
 * `dbforpostgresql.Server` (Flexible; `ZoneRedundant` HA, public access off, `require_secure_transport`).
 */
export interface DatabaseArgs extends DatabaseSpec {
  /** The network's private connectivity for data stores: the store is reachable only through it. */
  readonly connectivity: DataStoreConnectivity;
  readonly keyId: pulumi.Input<string>;
  /**
   * Who may connect, as which database user, with short-lived tokens from their cloud identity (no password).
   * AWS: `rds-db:connect` on `dbuser:<DbiResourceId>/<user>` in a policy on the principal's role. GCP: a
   * `sql.User` of type `CLOUD_IAM_SERVICE_ACCOUNT` and `roles/cloudsql.instanceUser` + `client` on the project
   * with an IAM condition on the instance's name (Cloud SQL instances hold no IAM policy of their own).
   * Azure: Entra authentication on the server, the identity mapped to a PostgreSQL role named `user`
   * (`pgaadauth_create_principal`). What the user may do inside the database is the migrations' (`level` is
   * for them).
   */
  readonly grants: readonly Grant<DatabaseAccess>[];
}

/** A principal's access to the database: the user it connects as and the level it is meant to have. */
export interface DatabaseAccess {
  readonly level: AccessLevel;
  readonly user: string;
}

export interface Database {
  readonly host: pulumi.Output<string>;
  readonly port: pulumi.Output<number>;
  readonly databaseName: pulumi.Output<string>;
  /** Where the admin credential lives (a secret manager reference), a Pulumi secret. */
  readonly adminSecretRef: pulumi.Output<string>;
}
