import * as pulumi from "@pulumi/pulumi";
import * as rds from "@pulumi/aws/rds/index.js";
import type * as ec2 from "@pulumi/aws/ec2/index.js";
import type { Driver } from "../../capability.ts";
import { dataStoreConnectivityOf } from "../../clouds/aws/data-store-connectivity.ts";
import { accountId } from "../../clouds/aws/account.ts";
import { roleGrant } from "../../clouds/aws/role-grant.ts";
import type * as iam from "@pulumi/aws/iam/index.js";
import { vpcOnlySecurityGroup } from "../../clouds/aws/security-group.ts";
import { databaseInstanceClass } from "../../clouds/aws/sizes.ts";
import type { Database, DatabaseArgs } from "./database.ts";

export interface AwsDatabase extends Database {
  readonly native: { readonly instance: rds.Instance; readonly subnetGroup: rds.SubnetGroup; readonly parameterGroup: rds.ParameterGroup; readonly securityGroup: ec2.SecurityGroup; readonly grants: Readonly<Record<string, iam.RolePolicy>> };
}

const postgresPort = 5432;
/** The admin login; its password is generated and kept by RDS in Secrets Manager, never in Pulumi state. */
const adminUsername = "stratum_admin";
const logExports = ["postgresql", "upgrade"];

/**
 * RDS PostgreSQL in the data subnets: encrypted with the database key, a master password managed by RDS in
 * Secrets Manager (encrypted with the same key), TLS enforced, IAM authentication, logs exported, a final
 * snapshot on deletion; multi-AZ, deletion protection and backup retention from the profile.
 */
export const awsDatabase: Driver<DatabaseArgs, AwsDatabase> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const identifier = ctx.name(args.name);
    const placement = dataStoreConnectivityOf(args.connectivity);
    const subnetGroup = new rds.SubnetGroup(ctx.name(`${args.name}-subnets`), { subnetIds: placement.subnetIds, description: `${identifier}: data subnets only` }, opts);
    const parameterGroup = new rds.ParameterGroup(ctx.name(`${args.name}-params`), {
      family: `postgres${args.engineVersion}`,
      description: `${identifier}: TLS only, connections logged`,
      parameters: [
        { name: "rds.force_ssl", value: "1" },
        { name: "log_connections", value: "1" },
        { name: "log_disconnections", value: "1" },
      ],
    }, opts);
    const securityGroup = vpcOnlySecurityGroup(ctx, `${args.name}-sg`, { vpcId: placement.vpcId, cidr: placement.cidr, port: postgresPort, description: `${identifier}: PostgreSQL from the VPC` });
    const instance = new rds.Instance(ctx.name(args.name), {
      identifier,
      engine: "postgres",
      engineVersion: args.engineVersion,
      instanceClass: databaseInstanceClass[args.size],
      allocatedStorage: args.storageGb,
      storageType: "gp3",
      storageEncrypted: true,
      kmsKeyId: args.keyId,
      dbName: args.name.replace(/-/g, "_"),
      username: adminUsername,
      manageMasterUserPassword: true,
      masterUserSecretKmsKeyId: args.keyId,
      port: postgresPort,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [securityGroup.id],
      parameterGroupName: parameterGroup.name,
      publiclyAccessible: false,
      multiAz: args.highAvailability,
      deletionProtection: args.deletionProtection,
      backupRetentionPeriod: args.backupRetentionDays,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      copyTagsToSnapshot: true,
      iamDatabaseAuthenticationEnabled: true,
      enabledCloudwatchLogsExports: logExports,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: args.keyId,
      autoMinorVersionUpgrade: true,
    }, opts);
    // IAM authentication: each principal may mint tokens for its own database user on this instance, nothing else.
    const account = accountId(ctx);
    const grants = Object.fromEntries(args.grants.map((grant) => [grant.principal.name, roleGrant(ctx, grant.principal, "database", [
      { Effect: "Allow", Action: ["rds-db:connect"], Resource: [pulumi.interpolate`arn:aws:rds-db:${ctx.region}:${account}:dbuser:${instance.resourceId}/${grant.access.user}`] },
    ])]));
    return {
      host: instance.address,
      port: instance.port,
      databaseName: instance.dbName,
      adminSecretRef: pulumi.secret(instance.masterUserSecrets.apply((secrets) => secrets[0]?.secretArn ?? "")),
      native: { instance, subnetGroup, parameterGroup, securityGroup, grants },
    };
  },
};
