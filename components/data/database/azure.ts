import * as pulumi from "@pulumi/pulumi";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql/index.js";
import * as managedidentity from "@pulumi/azure-native/managedidentity/index.js";
import * as authorization from "@pulumi/azure-native/authorization/index.js";
import type { Driver } from "../../capability.ts";
import { accountOf } from "../../spec/index.ts";
import { azureDataStoreConnectivityOf } from "../../clouds/azure/data-store-connectivity.ts";
import { diagnosticSetting } from "../../clouds/azure/diagnostic-setting.ts";
import { keyUser, type KeyUser } from "../../clouds/azure/key-user.ts";
import { postgresPrivateZone } from "../../clouds/azure/private-dns-zones.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import { postgresSku, postgresStorageGb } from "../../clouds/azure/data-sizes.ts";
import type { Database, DatabaseArgs } from "./database.ts";
import { roleSetupSql } from "./azure-roles-sql.ts";

export interface AzureDatabase extends Database {
  readonly native: {
    readonly server: dbforpostgresql.Server;
    readonly database: dbforpostgresql.Database;
    readonly configurations: readonly dbforpostgresql.Configuration[];
    readonly keyUser: KeyUser;
    /** The server's Entra administrator: the only identity that can create the workloads' roles. */
    readonly admin: managedidentity.UserAssignedIdentity;
    readonly administrator: dbforpostgresql.Administrator;
    /** Prod (`deletionProtection`): the CanNotDelete lock on the server. */
    readonly lock?: authorization.ManagementLockByScope;
    /** The statements the admin runs once per grant to map each principal to its PostgreSQL role (azure-roles-sql.ts). */
    readonly roleSetupSql: pulumi.Output<string>;
  };
}

const postgresPort = 5432;

/**
 * Server parameters the platform states rather than inherits: TLS required (1.2 at least), connections and
 * disconnections logged. Set one at a time: Flexible Server rejects concurrent parameter updates.
 */
const parameters: readonly (readonly [string, string])[] = [
  ["require_secure_transport", "on"],
  ["ssl_min_protocol_version", "TLSv1.2"],
  ["log_connections", "on"],
  ["log_disconnections", "on"],
];

/**
 * PostgreSQL Flexible Server with private access only: VNet integration on the network's delegated subnet, its
 * name in the network's `privatelink.postgres.database.azure.com` zone, public network access disabled. Entra ID
 * authentication only (password authentication off, so there is no admin password to keep anywhere), encrypted
 * with the database key through a user-assigned identity holding the crypto role on that key alone, TLS
 * required, backups for the profile's retention (geo-redundant, and zone-redundant HA, when
 * `highAvailability`), resource logs in Log Analytics, and Pulumi protection when `deletionProtection`.
 */
export const azureDatabase: Driver<DatabaseArgs, AzureDatabase> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const resourceGroupName = resourceGroupOf(ctx);
    const { tenantId } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
    const placement = azureDataStoreConnectivityOf(args.connectivity);
    const privateZone = placement.privateDnsZoneIds[postgresPrivateZone];
    if (!privateZone) throw new Error(`the network has no private DNS zone ${postgresPrivateZone} for the database's VNet integration`);
    const encryption = keyUser(ctx, args.name, args.keyId);
    const serverName = ctx.name(args.name);
    const server = new dbforpostgresql.Server(serverName, {
      serverName,
      resourceGroupName,
      location: ctx.region,
      version: args.engineVersion,
      sku: postgresSku[args.size],
      storage: { storageSizeGB: postgresStorageGb(args.storageGb), autoGrow: "Enabled" },
      network: { delegatedSubnetResourceId: placement.postgresSubnetId, privateDnsZoneArmResourceId: privateZone, publicNetworkAccess: "Disabled" },
      authConfig: { activeDirectoryAuth: "Enabled", passwordAuth: "Disabled", tenantId },
      identity: { type: "UserAssigned", userAssignedIdentities: encryption.identity.id.apply((id) => ({ [id]: {} })) },
      // Versionless key URI: the server follows the key's rotation by itself.
      dataEncryption: { type: "AzureKeyVault", primaryKeyURI: encryption.key.uri, primaryUserAssignedIdentityId: encryption.identity.id },
      // Geo-redundant backups under a customer key also need a key in the paired region's vault
      // (`geoBackupKeyURI`), which the keys tier does not make yet: see docs/azure.md, data.
      backup: { backupRetentionDays: args.backupRetentionDays, geoRedundantBackup: args.highAvailability ? "Enabled" : "Disabled" },
      highAvailability: { mode: args.highAvailability ? "ZoneRedundant" : "Disabled" },
      createMode: "Create",
    }, { ...opts, dependsOn: [encryption.grant], protect: args.deletionProtection });
    // A Flexible Server has no deletion flag of its own: a CanNotDelete lock refuses its deletion to everyone,
    // `pulumi destroy` and the portal included, until an Owner removes the lock on purpose. (`protect` only
    // guards this Pulumi stack's own deletes.)
    const lock = args.deletionProtection
      ? new authorization.ManagementLockByScope(ctx.name(`${args.name}-lock`), {
        scope: server.id,
        lockName: "stratum-deletion-protection",
        level: "CanNotDelete",
        notes: "The platform's production database: remove this lock on purpose before deleting the server",
      }, opts)
      : undefined;
    let previous: pulumi.Resource = server;
    const configurations = parameters.map(([name, value]) => {
      const configuration = new dbforpostgresql.Configuration(ctx.name(`${args.name}-${name.replace(/_/g, "-")}`), {
        resourceGroupName,
        serverName: server.name,
        configurationName: name,
        value,
        source: "user-override",
      }, { ...opts, dependsOn: [previous] });
      previous = configuration;
      return configuration;
    });
    const database = new dbforpostgresql.Database(ctx.name(`${args.name}-db`), {
      resourceGroupName,
      serverName: server.name,
      databaseName: args.name.replace(/-/g, "_"),
      charset: "UTF8",
      collation: "en_US.utf8",
    }, { ...opts, dependsOn: configurations.slice(-1), protect: args.deletionProtection });
    // The Entra administrator: an identity of the stack's own, not a person's account, so role setup is repeatable.
    const admin = new managedidentity.UserAssignedIdentity(ctx.name(`${args.name}-admin`), { resourceName: ctx.name(`${args.name}-admin`), resourceGroupName, location: ctx.region }, opts);
    const administrator = new dbforpostgresql.Administrator(ctx.name(`${args.name}-entra-admin`), {
      resourceGroupName,
      serverName: server.name,
      objectId: admin.principalId,
      principalName: admin.name,
      principalType: "ServicePrincipal",
      tenantId,
    }, { ...opts, dependsOn: configurations.slice(-1) });
    diagnosticSetting(ctx, args.name, { resourceUri: server.id, workspaceId: args.logDestination });
    return {
      host: server.fullyQualifiedDomainName,
      port: pulumi.output(postgresPort),
      databaseName: database.name,
      // No password exists (Entra only): the reference names the admin identity whose token administers the server.
      adminSecretRef: pulumi.secret(admin.id),
      native: { server, database, configurations, keyUser: encryption, admin, administrator, ...(lock ? { lock } : {}), roleSetupSql: roleSetupSql(args.grants) },
    };
  },
};
