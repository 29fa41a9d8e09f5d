import { describe, expect, test } from "vitest";
import { connectionType, fakeConnectivity, fakeKey, fakeNetworkId, fakeProject, mandatoryViolations, ofType, planDriver, resource, valueOf, workload } from "../../clouds/gcp/testing/driver-plan.ts";
import { gcpDatabase } from "./gcp.ts";
import type { DatabaseArgs } from "./database.ts";

const user = `acme-dev-orders@${fakeProject.projectId}.iam`;
const args = (profile: Partial<DatabaseArgs> = {}): DatabaseArgs => ({
  name: "orders",
  engineVersion: "16",
  size: "small",
  storageGb: 20,
  highAvailability: false,
  deletionProtection: false,
  backupRetentionDays: 7,
  connectivity: fakeConnectivity(),
  keyId: fakeKey("database"),
  grants: [{ principal: workload("orders"), access: { level: "readwrite", user } }],
  ...profile,
});
const instanceType = "gcp:sql/databaseInstance:DatabaseInstance";
const memberType = "gcp:projects/iAMMember:IAMMember";

describe("Cloud SQL for PostgreSQL, dev profile", async () => {
  const plan = await planDriver(gcpDatabase, () => args());
  const instance = resource(plan, instanceType, "acme-dev-orders");
  const settings = instance.inputs["settings"] as Record<string, any>;

  test("private IP only, on the private services access range, after the peering exists", () => {
    expect(settings["ipConfiguration"]).toEqual({ ipv4Enabled: false, privateNetwork: fakeNetworkId, allocatedIpRange: "acme-dev-psa", sslMode: "ENCRYPTED_ONLY", enablePrivatePathForGoogleCloudServices: false });
    const connection = plan.resources.find((r) => r.type === connectionType)!;
    expect(instance.dependencies).toContain(connection.urn);
  });

  test("the database key, PostgreSQL 16, in the region, the profile's size and deletion protection", () => {
    expect(instance.inputs).toMatchObject({ name: "acme-dev-orders", project: fakeProject.projectId, region: "us-central1", databaseVersion: "POSTGRES_16", encryptionKeyName: fakeKey("database"), deletionProtection: false });
    expect(settings).toMatchObject({ edition: "ENTERPRISE", tier: "db-custom-1-3840", availabilityType: "ZONAL", diskType: "PD_SSD", diskSize: 20, diskAutoresize: true, deletionProtectionEnabled: false });
  });

  test("daily backups with point-in-time recovery, kept the profile's days", () => {
    expect(settings["backupConfiguration"]).toEqual({ enabled: true, pointInTimeRecoveryEnabled: true, location: "us-central1", transactionLogRetentionDays: 7, backupRetentionSettings: { retainedBackups: 7, retentionUnit: "COUNT" } });
  });

  test("IAM database authentication and connection logs are on", () => {
    const flags = Object.fromEntries((settings["databaseFlags"] as { name: string; value: string }[]).map((f) => [f.name, f.value]));
    expect(flags).toMatchObject({ "cloudsql.iam_authentication": "on", log_connections: "on", log_disconnections: "on" });
  });

  test("the Secret Manager agent may use the database key before the admin secret exists (Cloud SQL's is the keys driver's)", () => {
    const agents = ofType(plan, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember");
    expect(agents.map((r) => r.inputs)).toEqual([
      { cryptoKeyId: fakeKey("database"), role: "roles/cloudkms.cryptoKeyEncrypterDecrypter", member: `serviceAccount:service-${fakeProject.projectNumber}@gcp-sa-secretmanager.iam.gserviceaccount.com` },
    ]);
    expect(resource(plan, "gcp:secretmanager/secret:Secret", "acme-dev-orders-admin").dependencies).toContain(agents[0]!.urn);
  });

  test("each grant: a CLOUD_IAM_SERVICE_ACCOUNT user named as the wiring names it, and both roles conditioned on this instance", () => {
    expect(ofType(plan, "gcp:sql/user:User").map((r) => r.inputs)).toEqual([{ instance: "acme-dev-orders", name: user, type: "CLOUD_IAM_SERVICE_ACCOUNT", deletionPolicy: "ABANDON" }]);
    const condition = {
      title: "only acme-dev-orders",
      expression: `resource.type == 'sqladmin.googleapis.com/Instance' && resource.name == 'projects/${fakeProject.projectId}/instances/acme-dev-orders'`,
    };
    const member = `serviceAccount:acme-dev-orders@${fakeProject.projectId}.iam.gserviceaccount.com`;
    expect(ofType(plan, memberType).map((r) => r.inputs)).toEqual([
      { project: fakeProject.projectId, role: "roles/cloudsql.client", member, condition },
      { project: fakeProject.projectId, role: "roles/cloudsql.instanceUser", member, condition },
    ]);
  });

  test("the admin secret: CMEK in the region, named by adminSecretRef, with no password in the plan", async () => {
    const secret = resource(plan, "gcp:secretmanager/secret:Secret", "acme-dev-orders-admin");
    expect(secret.inputs).toMatchObject({ secretId: "acme-dev-orders-admin", replication: { userManaged: { replicas: [{ location: "us-central1", customerManagedEncryption: { kmsKeyName: fakeKey("database") } }] } } });
    expect(await valueOf(plan.result.adminSecretRef)).toBe(`projects/${fakeProject.projectId}/secrets/acme-dev-orders-admin`);
    expect(plan.resources.some((r) => r.type === "gcp:secretmanager/secretVersion:SecretVersion")).toBe(false);
    expect(JSON.stringify(instance.inputs)).not.toMatch(/rootPassword/);
  });

  test("outputs: a host under .offline.invalid, 5432, the database's name", async () => {
    expect(await valueOf(plan.result.host)).toBe("acme-dev-orders.us-central1.sql.offline.invalid");
    expect(await valueOf(plan.result.port)).toBe(5432);
    expect(await valueOf(plan.result.databaseName)).toBe("orders");
  });

  test("passes the GCP policy rules with no mandatory violation", () => {
    expect(mandatoryViolations(plan)).toEqual([]);
  });
});

describe("Cloud SQL for PostgreSQL, prod profile", async () => {
  const plan = await planDriver(gcpDatabase, () => args({ size: "large", highAvailability: true, deletionProtection: true, backupRetentionDays: 30 }), "prod");
  const instance = resource(plan, instanceType, "acme-prod-orders");
  const settings = instance.inputs["settings"] as Record<string, any>;

  test("REGIONAL, deletion protected both ways, 30 backups and the edition's 7 days of logs", () => {
    expect(instance.inputs["deletionProtection"]).toBe(true);
    expect(settings).toMatchObject({ availabilityType: "REGIONAL", deletionProtectionEnabled: true, tier: "db-custom-4-15360" });
    expect(settings["backupConfiguration"]).toMatchObject({ transactionLogRetentionDays: 7, backupRetentionSettings: { retainedBackups: 30, retentionUnit: "COUNT" } });
  });

  test("passes the GCP policy rules in prod (zone redundancy, deletion protection, backups)", () => {
    expect(mandatoryViolations(plan, "prod")).toEqual([]);
  });

  test("the prod rules would catch a zonal instance: the check can fail", async () => {
    const zonal = await planDriver(gcpDatabase, () => args({ highAvailability: false, deletionProtection: false }), "prod");
    expect(new Set(mandatoryViolations(zonal, "prod").map((v) => v.rule))).toEqual(new Set(["zone-redundancy", "deletion-protection"]));
  });
});

test("a connectivity handle from another cloud is refused", async () => {
  await expect(planDriver(gcpDatabase, () => ({ ...args(), connectivity: {} as DatabaseArgs["connectivity"] }))).rejects.toThrow(/not made by the GCP network driver/);
});
