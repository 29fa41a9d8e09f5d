import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import type { DriverContext } from "../../capability.ts";
import { roleSetupSql } from "../../data/database/azure-roles-sql.ts";
import { stableGuid } from "./arm-id.ts";
import { postgresStorageGb } from "./data-sizes.ts";
import { parseKeyId, vaultKeyOf } from "./key-vault-key.ts";
import { storageAccountName } from "./secure-storage-account.ts";

const account = (subscriptionId: string) => ({ azure: { subscriptionId, tenantId: "9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d", resourceGroup: "rg-acme-prod" } });
const ctx = (prefix = "acme-prod", subscriptionId = "6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b"): DriverContext =>
  ({ parent: undefined as unknown as pulumi.ComponentResource, name: (s) => `${prefix}-${s}`, region: "eastus2", account: account(subscriptionId) });
const value = <T>(output: pulumi.Output<T>): Promise<T> => new Promise((resolve) => output.apply(resolve));

describe("storage account names", () => {
  test("3-24 lowercase letters and digits, stable, different per stack and per subscription", () => {
    const name = storageAccountName(ctx("acme-platform-production"), "lake");
    expect(name).toMatch(/^[a-z0-9]{3,24}$/);
    expect(name.startsWith("acmeplatformproduc")).toBe(true);
    expect(storageAccountName(ctx("acme-platform-production"), "lake")).toBe(name);
    expect(storageAccountName(ctx("acme-platform-staging"), "lake")).not.toBe(name);
    expect(storageAccountName(ctx("acme-platform-production", "00000000-1111-4222-8333-444444444444"), "lake")).not.toBe(name);
  });
});

describe("Key Vault key ids", () => {
  test("a versionless URI, a versioned one, an ARM id and an offline host all name the vault and the key", async () => {
    for (const id of ["https://acme-kv.vault.azure.net/keys/lake", "https://acme-kv.vault.azure.net/keys/lake/0123456789abcdef0123456789abcdef", "/subscriptions/s/resourceGroups/rg-acme-prod/providers/Microsoft.KeyVault/vaults/acme-kv/keys/lake"]) {
      const key = vaultKeyOf(ctx(), id);
      expect(await value(key.keyUri), id).toBe("https://acme-kv.vault.azure.net/keys/lake");
      expect(await value(key.keyResourceId)).toBe("/subscriptions/6f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b/resourceGroups/rg-acme-prod/providers/Microsoft.KeyVault/vaults/acme-kv/keys/lake");
    }
    expect(await value(vaultKeyOf(ctx(), "https://acme-kv.vault.offline.invalid/keys/lake").vaultUri)).toBe("https://acme-kv.vault.offline.invalid/");
  });

  test("anything else fails naming the value", () => {
    expect(() => parseKeyId("arn:aws:kms:us-east-1:000000000000:key/lake")).toThrow('the key id "arn:aws:kms:us-east-1:000000000000:key/lake" is neither a Key Vault key URI');
    expect(() => parseKeyId("https://acme-kv.vault.azure.net/secrets/lake")).toThrow(/neither/);
  });
});

describe("sizes and names", () => {
  test("storage rounds up to Flexible Server's sizes, and refuses what no size holds", () => {
    expect([20, 32, 33, 100].map(postgresStorageGb)).toEqual([32, 32, 64, 128]);
    expect(() => postgresStorageGb(40000)).toThrow(/storageGb 40000 .*\(32767 GiB\)/);
  });

  test("stable GUIDs are RFC 9562 name-based, one per name", () => {
    expect(stableGuid("a")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(stableGuid("a")).toBe(stableGuid("a"));
    expect(stableGuid("a")).not.toBe(stableGuid("b"));
  });

  test("role setup SQL refuses a user name that is not a PostgreSQL role name", () => {
    const grant = (user: string) => [{ principal: { name: "orders", id: pulumi.output("p") }, access: { level: "readwrite" as const, user } }];
    expect(() => roleSetupSql(grant("orders'); DROP TABLE x; --"))).toThrow(/database user "orders'\); DROP TABLE x; --" of orders is not a PostgreSQL role name/);
    expect(() => roleSetupSql(grant("orders"))).not.toThrow();
  });
});
