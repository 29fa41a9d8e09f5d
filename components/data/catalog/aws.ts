import * as pulumi from "@pulumi/pulumi";
import * as glue from "@pulumi/aws/glue/index.js";
import * as lakeformation from "@pulumi/aws/lakeformation/index.js";
import type * as iam from "@pulumi/aws/iam/index.js";
import type { Driver } from "../../capability.ts";
import { accountId, bucketArn } from "../../clouds/aws/account.ts";
import { catalogArns, glueRole, glueSecurityConfiguration, zoneDatabaseName } from "../../clouds/aws/glue.ts";
import type { Catalog, CatalogArgs } from "./catalog.ts";

export interface AwsCatalog extends Catalog {
  readonly native: {
    readonly encryption: glue.DataCatalogEncryptionSettings;
    readonly databases: Readonly<Record<string, glue.CatalogDatabase>>;
    readonly crawlers: Readonly<Record<string, glue.Crawler>>;
    readonly crawlerRole: iam.Role;
    readonly locations: Readonly<Record<string, lakeformation.Resource>>;
  };
}

/**
 * The Glue Data Catalog over the lake: catalog metadata and connection passwords encrypted with the lake key, a
 * catalog database and a crawler per zone, each zone registered with Lake Formation, and the crawler's access
 * granted through Lake Formation permissions. The encryption settings are per account and region.
 */
export const awsCatalog: Driver<CatalogArgs, AwsCatalog> = {
  create(args, ctx) {
    const opts = { parent: ctx.parent };
    const account = accountId(ctx);
    const encryption = new glue.DataCatalogEncryptionSettings(ctx.name("catalog-encryption"), {
      dataCatalogEncryptionSettings: {
        encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: args.keyId },
        connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: args.keyId },
      },
    }, opts);
    const zones = Object.entries(args.lake.zoneLocations);
    const securityConfiguration = glueSecurityConfiguration(ctx, "crawler-security", args.keyId);
    const crawlerRole = glueRole(ctx, "crawler-role", {
      account,
      keyArn: args.keyId,
      statements: [
        { Sid: "ReadZones", Effect: "Allow", Action: ["s3:ListBucket", "s3:GetObject"], Resource: zones.flatMap(([, b]) => [bucketArn(b), pulumi.interpolate`${bucketArn(b)}/*`]) },
        { Sid: "Catalog", Effect: "Allow", Action: ["glue:GetDatabase", "glue:GetTable", "glue:GetTables", "glue:CreateTable", "glue:UpdateTable", "glue:GetPartitions", "glue:BatchCreatePartition", "glue:BatchGetPartition"], Resource: catalogArns(ctx, account, zones.map(([zone]) => zone)) },
        { Sid: "LakeFormationData", Effect: "Allow", Action: ["lakeformation:GetDataAccess"], Resource: ["*"] },
      ],
    });
    const databases: Record<string, glue.CatalogDatabase> = {};
    const crawlers: Record<string, glue.Crawler> = {};
    const locations: Record<string, lakeformation.Resource> = {};
    for (const [zone, bucket] of zones) {
      const databaseName = zoneDatabaseName(ctx, zone);
      const database = new glue.CatalogDatabase(ctx.name(`${zone}-db`), { name: databaseName, description: `lake zone ${zone}` }, { ...opts, dependsOn: [encryption] });
      databases[zone] = database;
      const location = new lakeformation.Resource(ctx.name(`${zone}-location`), { arn: bucketArn(bucket), useServiceLinkedRole: true }, opts);
      locations[zone] = location;
      const grants = [
        new lakeformation.Permissions(ctx.name(`${zone}-crawler-location`), { principal: crawlerRole.arn, permissions: ["DATA_LOCATION_ACCESS"], dataLocation: { arn: location.arn } }, opts),
        new lakeformation.Permissions(ctx.name(`${zone}-crawler-db`), { principal: crawlerRole.arn, permissions: ["CREATE_TABLE", "ALTER", "DESCRIBE"], database: { name: database.name } }, opts),
      ];
      crawlers[zone] = new glue.Crawler(ctx.name(`${zone}-crawler`), {
        name: ctx.name(`${zone}-crawler`),
        role: crawlerRole.arn,
        databaseName: database.name,
        securityConfiguration: securityConfiguration.name,
        s3Targets: [{ path: pulumi.interpolate`s3://${bucket}/` }],
        lakeFormationConfiguration: { useLakeFormationCredentials: false },
        schemaChangePolicy: { updateBehavior: "UPDATE_IN_DATABASE", deleteBehavior: "LOG" },
      }, { ...opts, dependsOn: grants });
    }
    return { catalogId: account, native: { encryption, databases, crawlers, crawlerRole, locations } };
  },
};
