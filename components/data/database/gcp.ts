import * as pulumi from "@pulumi/pulumi";
import * as sql from "@pulumi/gcp/sql/index.js";
import * as secretmanager from "@pulumi/gcp/secretmanager/index.js";
import type * as kms from "@pulumi/gcp/kms/index.js";
import type * as projects from "@pulumi/gcp/projects/index.js";
import type { Driver } from "../../capability.ts";
import { gcpDataStoreConnectivityOf } from "../../clouds/gcp/data-store-connectivity.ts";
import { cloudSqlTier } from "../../clouds/gcp/data-sizes.ts";
import { conditionalProjectGrant } from "../../clouds/gcp/project-grant.ts";
import { projectOf } from "../../clouds/gcp/project.ts";
import { agentKeyUse } from "../../clouds/gcp/data-service-agents.ts";
import type { Database, DatabaseArgs } from "./database.ts";

export interface GcpDatabase extends Database {
  readonly native: {
    readonly instance: sql.DatabaseInstance;
    readonly database: sql.Database;
    readonly adminSecret: secretmanager.Secret;
    /** Secret Manager's use of the database key (Cloud SQL's is the keys driver's). */
    readonly secretKeyAgent: kms.CryptoKeyIAMMember;
    /** Per principal granted, its IAM database user and its two conditional project bindings. */
    readonly grants: Readonly<Record<string, { readonly user: sql.User; readonly bindings: readonly projects.IAMMember[] }>>;
  };
}

const postgresPort = 5432;
/** Cloud SQL keeps transaction logs for point-in-time recovery at most 7 days in the Enterprise edition. */
const maxLogRetentionDays = 7;
/**
 * IAM database authentication (`cloudsql.iam_authentication`) and the connection and error logs Cloud Logging
 * collects from the instance. PostgreSQL's flags take "on"/"off".
 */
export const databaseFlags = [
  { name: "cloudsql.iam_authentication", value: "on" },
  { name: "log_connections", value: "on" },
  { name: "log_disconnections", value: "on" },
  { name: "log_checkpoints", value: "on" },
  { name: "log_lock_waits", value: "on" },
  { name: "log_min_error_statement", value: "error" },
  { name: "log_temp_files", value: "0" },
];

/**
 * What a workload's service account needs to connect as its IAM user: `cloudsql.instances.login` (instanceUser) and
 * `cloudsql.instances.connect` + `get` (client, for the connector or the Auth Proxy's ephemeral certificate).
 */
export const databaseRoles = ["roles/cloudsql.instanceUser", "roles/cloudsql.client"] as const;

/**
 * Cloud SQL for PostgreSQL on a private IP only: no public address, placed in the private services access range
 * and created after the peering exists; TLS required (`ENCRYPTED_ONLY`), the data and backups under the database
 * key (CMEK), daily backups with point-in-time recovery, `REGIONAL` when the profile asks for high availability,
 * deletion protection from the profile (both Pulumi's and the API's), IAM database authentication and logs.
 *
 * The admin: no password is set by Pulumi (none in state). The built-in `postgres` user's password is set once by
 * an operator (`gcloud sql users set-password postgres --instance=<instance> --prompt-for-password`) and kept as a
 * version of the admin secret this driver creates (CMEK, in the region), which `adminSecretRef` names.
 */
export const gcpDatabase: Driver<DatabaseArgs, GcpDatabase> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const { projectId } = projectOf(ctx);
    const placement = gcpDataStoreConnectivityOf(args.connectivity);
    const instanceName = ctx.name(args.name);
    // The Cloud SQL agent's use of the key is the keys driver's (the key id resolves after it); Secret Manager's is ours.
    const secretKeyAgent = agentKeyUse(ctx, `${args.name}-secret`, "secretManager", args.keyId);
    const instance = new sql.DatabaseInstance(ctx.name(args.name), {
      name: instanceName,
      project: projectId,
      region: ctx.region,
      databaseVersion: `POSTGRES_${args.engineVersion}`,
      encryptionKeyName: args.keyId,
      deletionProtection: args.deletionProtection,
      settings: {
        edition: "ENTERPRISE",
        tier: cloudSqlTier[args.size],
        availabilityType: args.highAvailability ? "REGIONAL" : "ZONAL",
        diskType: "PD_SSD",
        diskSize: args.storageGb,
        diskAutoresize: true,
        deletionProtectionEnabled: args.deletionProtection,
        ipConfiguration: {
          ipv4Enabled: false,
          privateNetwork: placement.networkId,
          allocatedIpRange: placement.allocatedRange,
          sslMode: "ENCRYPTED_ONLY",
          enablePrivatePathForGoogleCloudServices: false,
        },
        backupConfiguration: {
          enabled: true,
          pointInTimeRecoveryEnabled: true,
          location: ctx.region,
          transactionLogRetentionDays: Math.min(args.backupRetentionDays, maxLogRetentionDays),
          backupRetentionSettings: { retainedBackups: args.backupRetentionDays, retentionUnit: "COUNT" },
        },
        databaseFlags,
        insightsConfig: { queryInsightsEnabled: true, recordClientAddress: false, recordApplicationTags: false, queryStringLength: 1024 },
        passwordValidationPolicy: { enablePasswordPolicy: true, minLength: 16, complexity: "COMPLEXITY_DEFAULT", disallowUsernameSubstring: true },
      },
    }, { ...opts, dependsOn: [placement.connection] });
    const database = new sql.Database(ctx.name(`${args.name}-db`), { name: args.name.replace(/-/g, "_"), instance: instance.name }, opts);
    const adminSecret = new secretmanager.Secret(ctx.name(`${args.name}-admin`), {
      project: projectId,
      secretId: `${instanceName}-admin`,
      replication: { userManaged: { replicas: [{ location: ctx.region, customerManagedEncryption: { kmsKeyName: args.keyId } }] } },
    }, { ...opts, dependsOn: [secretKeyAgent] });
    // Cloud SQL instances hold no IAM policy of their own (there is no instance-level IAM resource): both roles exist
    // only on the project, so each binding carries an IAM condition on this instance's resource name, which Cloud SQL
    // evaluates (https://cloud.google.com/sql/docs/postgres/iam-conditions): the principal reaches no other instance.
    const onInstance = {
      title: `only ${instanceName}`,
      expression: `resource.type == 'sqladmin.googleapis.com/Instance' && resource.name == 'projects/${projectId}/instances/${instanceName}'`,
    };
    const grants = Object.fromEntries(args.grants.map((grant) => {
      // Named exactly as the workload wiring names the workload's DATABASE_USER: `<account id>@<project>.iam`.
      const user = new sql.User(ctx.name(`${grant.principal.name}-db-user`), {
        instance: instance.name,
        name: grant.access.user,
        type: "CLOUD_IAM_SERVICE_ACCOUNT",
        // PostgreSQL refuses to drop a role that owns objects: removing the grant leaves the role to the migrations.
        deletionPolicy: "ABANDON",
      }, opts);
      const bindings = databaseRoles.map((role) => conditionalProjectGrant(ctx, `db-${role.split(".")[1]}`, grant.principal, role, onInstance));
      return [grant.principal.name, { user, bindings }];
    }));
    return {
      host: instance.privateIpAddress,
      port: pulumi.output(postgresPort),
      databaseName: database.name,
      adminSecretRef: pulumi.secret(adminSecret.name),
      native: { instance, database, adminSecret, secretKeyAgent, grants },
    };
  },
};
