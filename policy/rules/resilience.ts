import { get } from "../inputs.ts";
import type { PolicyContext } from "../context.ts";
import type { Rule } from "../rule.ts";
import { byType, problems, type TypeCheck } from "./by-type.ts";
import { controlSets } from "./controls.ts";

const minimumRetentionDays = 7;

/** Resilience rules bind in prod only: dev and staging are disposable by design. */
function prodOnly(check: TypeCheck): TypeCheck {
  return (inputs, ctx: PolicyContext, resource) => (ctx.environment === "prod" ? check(inputs, ctx, resource) : undefined);
}

export const databaseBackups: Rule = {
  id: "database-backups",
  description: `In prod, databases keep automated backups for at least ${minimumRetentionDays} days, with point-in-time recovery.`,
  severity: "high",
  remediation: `AWS: backupRetentionPeriod >= ${minimumRetentionDays}. GCP: settings.backupConfiguration.enabled and pointInTimeRecoveryEnabled true. Azure: backup.backupRetentionDays >= ${minimumRetentionDays} and geoRedundantBackup Enabled.`,
  controls: controlSets.resilience,
  ...byType({
    "aws:rds/instance:Instance": prodOnly((i) => (Number(i["backupRetentionPeriod"] ?? 0) >= minimumRetentionDays ? undefined : `backupRetentionPeriod ${String(i["backupRetentionPeriod"] ?? "unset")} is below ${minimumRetentionDays} days`)),
    "aws:rds/cluster:Cluster": prodOnly((i) => (Number(i["backupRetentionPeriod"] ?? 0) >= minimumRetentionDays ? undefined : `backupRetentionPeriod ${String(i["backupRetentionPeriod"] ?? "unset")} is below ${minimumRetentionDays} days`)),
    "gcp:sql/databaseInstance:DatabaseInstance": prodOnly((i) =>
      problems(
        [get(i, "settings.backupConfiguration.enabled") !== true, "settings.backupConfiguration.enabled is not true"],
        [get(i, "settings.backupConfiguration.pointInTimeRecoveryEnabled") !== true, "point-in-time recovery is off"],
      ),
    ),
    "azure-native:dbforpostgresql:Server": prodOnly((i) =>
      problems(
        [Number(get(i, "backup.backupRetentionDays") ?? 0) < minimumRetentionDays, `backup.backupRetentionDays is below ${minimumRetentionDays}`],
        [get(i, "backup.geoRedundantBackup") !== "Enabled", "backup.geoRedundantBackup is not Enabled"],
      ),
    ),
  }),
};

export const deletionProtection: Rule = {
  id: "deletion-protection",
  description: "In prod, databases and clusters cannot be deleted by a stray `pulumi destroy`.",
  severity: "high",
  remediation: "AWS: deletionProtection true on RDS instances and clusters. GCP: leave deletionProtection true on Cloud SQL instances and GKE clusters. (Azure has no per-resource flag: use a resource lock, which this rule does not check.)",
  controls: controlSets.resilience,
  ...byType({
    "aws:rds/instance:Instance": prodOnly((i) => (i["deletionProtection"] === true ? undefined : "deletionProtection is not true")),
    "aws:rds/cluster:Cluster": prodOnly((i) => (i["deletionProtection"] === true ? undefined : "deletionProtection is not true")),
    "gcp:sql/databaseInstance:DatabaseInstance": prodOnly((i) => (i["deletionProtection"] === false ? "deletionProtection is false" : undefined)),
    "gcp:container/cluster:Cluster": prodOnly((i) => (i["deletionProtection"] === false ? "deletionProtection is false" : undefined)),
  }),
};

export const zoneRedundancy: Rule = {
  id: "zone-redundancy",
  description: "In prod, databases survive the loss of a zone.",
  severity: "medium",
  remediation: "AWS: multiAz true. GCP: settings.availabilityType REGIONAL. Azure: highAvailability.mode ZoneRedundant.",
  controls: controlSets.redundancy,
  ...byType({
    "aws:rds/instance:Instance": prodOnly((i) => (i["multiAz"] === true ? undefined : "multiAz is not true")),
    "gcp:sql/databaseInstance:DatabaseInstance": prodOnly((i) => (get(i, "settings.availabilityType") === "REGIONAL" ? undefined : "settings.availabilityType is not REGIONAL")),
    "azure-native:dbforpostgresql:Server": prodOnly((i) => (get(i, "highAvailability.mode") === "ZoneRedundant" ? undefined : "highAvailability.mode is not ZoneRedundant")),
  }),
};
