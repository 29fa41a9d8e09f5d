import { describe, expect, it } from "vitest";
import { globalName, keyVaultName, registryName, storageAccountName } from "./global-name.ts";
import { overlapsAny } from "./cluster-ranges.ts";
import { azureSubnetPlan } from "./subnets.ts";
import { privateDnsZoneNames, privateLinkZones } from "./private-dns-zones.ts";

const named = (prefix: string) => ({ name: (suffix: string) => `${prefix}-${suffix}` });

describe("globally unique Azure names", () => {
  it("keeps a name that fits, in each type's alphabet", () => {
    expect(globalName(named("acme-dev"), "kv", keyVaultName)).toBe("acme-dev-kv");
    expect(globalName(named("acme-dev"), "acr", registryName)).toBe("acmedevacr");
    expect(globalName(named("Acme-Dev"), "flowlogs", storageAccountName)).toBe("acmedevflowlogs");
  });

  it("cuts a long name to the limit with a hash, so long names sharing a prefix still differ", () => {
    const a = globalName(named("a-very-long-platform-name-prod"), "kv", keyVaultName);
    const b = globalName(named("a-very-long-platform-name-prodx"), "kv", keyVaultName);
    expect(a).toHaveLength(24);
    expect(a).toMatch(/^[a-z][a-z0-9-]*[a-z0-9]$/);
    expect(a).not.toBe(b);
    expect(globalName(named("a-very-long-platform-name-prod"), "kv", keyVaultName)).toBe(a);
    expect(globalName(named("averylongplatformnameforstorage"), "lake", storageAccountName)).toMatch(/^[a-z0-9]{24}$/);
  });
});

describe("the network's subnets and the cluster's ranges", () => {
  it("carves workload subnets, then private endpoints, Postgres and the API server, without overlap", () => {
    const plan = azureSubnetPlan("10.0.0.0/16", 3);
    expect(plan.workloads.map((w) => [w.name, w.cidr])).toEqual([["workloads-1", "10.0.0.0/20"], ["workloads-2", "10.0.16.0/20"], ["workloads-3", "10.0.32.0/20"]]);
    expect([plan.privateEndpoints, plan.postgres, plan.apiServer]).toEqual(["10.0.48.0/20", "10.0.64.0/20", "10.0.80.0/20"]);
    expect(azureSubnetPlan("10.0.0.0/16", 1).workloads).toEqual([{ name: "workloads", cidr: "10.0.0.0/20" }]);
  });

  it("tells overlapping ranges apart", () => {
    expect(overlapsAny("10.0.0.0/16", ["10.0.255.0/24"])).toBe(true);
    expect(overlapsAny("10.0.0.0/16", ["192.168.0.0/16", "172.20.0.0/16"])).toBe(false);
  });
});

describe("private DNS zones", () => {
  it("lists each zone once, the Flexible Server's among them", () => {
    const zones = privateDnsZoneNames();
    expect(new Set(zones).size).toBe(zones.length);
    expect(zones).toEqual(expect.arrayContaining(["privatelink.postgres.database.azure.com", ...privateLinkZones.vault, ...privateLinkZones.amlworkspace]));
  });
});
