import * as pulumi from "@pulumi/pulumi";
import { describe, expect, test } from "vitest";
import { roleSetupSql } from "../../data/database/azure-roles-sql.ts";
import { postgresStorageGb } from "./data-sizes.ts";

describe("Azure data helpers", () => {
  test("storage rounds up to Flexible Server's sizes, and refuses what no size holds", () => {
    expect([20, 32, 33, 100].map(postgresStorageGb)).toEqual([32, 32, 64, 128]);
    expect(() => postgresStorageGb(40000)).toThrow(/storageGb 40000 .*\(32767 GiB\)/);
  });

  test("role setup SQL refuses a user name that is not a PostgreSQL role name", () => {
    const grant = (user: string) => [{ principal: { name: "orders", id: pulumi.output("p") }, access: { level: "readwrite" as const, user } }];
    expect(() => roleSetupSql(grant("orders'); DROP TABLE x; --"))).toThrow(/database user "orders'\); DROP TABLE x; --" of orders is not a PostgreSQL role name/);
    expect(() => roleSetupSql(grant("orders"))).not.toThrow();
  });
});
