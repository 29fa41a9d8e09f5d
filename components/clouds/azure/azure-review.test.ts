import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { loadProgram } from "../../../lib/plan/load-program.ts";
import type { PlanReport } from "../../../lib/plan/model.ts";
import { planStack, prepareStack } from "../../../lib/plan/plan-stack.ts";
import { planAzureStack } from "../../../test/support/azure-stand-ins.ts";
import { repoRoot } from "../../../test/support/shared-dir.ts";
import { azureOffline } from "./offline.ts";

/**
 * A review environment on Azure (`pr-123` on dev-azure): it lives in the base stack's resource group without
 * creating it, and binds its pods to the base's workload identities with one federated credential each.
 */
let review: PlanReport;
let base: Awaited<ReturnType<typeof planAzureStack>>;
beforeAll(async () => {
  base = await planAzureStack("dev-azure");
  const root = mkdtempSync(join(tmpdir(), "stratum-azure-review-"));
  mkdirSync(join(root, "stacks"));
  const baseConfig = (parse(readFileSync(join(repoRoot, "stacks/Pulumi.dev-azure.yaml"), "utf8")) as { config: Record<string, unknown> }).config;
  const overlay = { "stratum:review": { pullRequest: 123, baseStack: "dev-azure" }, "stratum:images": { api: `sha256:${"1".repeat(64)}`, orders: `sha256:${"2".repeat(64)}` } };
  writeFileSync(join(root, "stacks", "Pulumi.pr-123.yaml"), stringify({ config: { ...baseConfig, ...overlay } }));
  review = await planStack(prepareStack(root, "pr-123"), await loadProgram(repoRoot), { stackReferences: { "dev-azure": base.outputs } });
}, 120_000);

const azure = (plan: PlanReport) => plan.resources.filter((r) => r.type.startsWith("azure-native:"));

describe("pr-123 on dev-azure", () => {
  it("creates no resource group, no identity: only a federated credential per workload granted data", () => {
    expect(azure(review).map((r) => r.type)).toEqual(["azure-native:managedidentity:FederatedIdentityCredential", "azure-native:managedidentity:FederatedIdentityCredential"]);
    expect((review.violations ?? []).filter((v) => v.enforcement === "mandatory")).toEqual([]);
  });

  it("adds the pr-123 subject to the base's identity, in the base's group, on the base cluster's issuer", () => {
    const credentials = azure(review).map((r) => r.inputs as Record<string, unknown>);
    const issuer = base.outputs["clusterOidcIssuer"];
    expect(credentials.map((c) => [c["resourceName"], c["subject"]]).sort()).toEqual([
      ["acme-dev-api", "system:serviceaccount:pr-123:api"],
      ["acme-dev-orders", "system:serviceaccount:pr-123:orders"],
    ]);
    for (const c of credentials) expect(c).toMatchObject({ resourceGroupName: "rg-acme-dev", issuer, audiences: ["api://AzureADTokenExchange"] });
    const baseIdentities = base.resources.filter((r) => r.type === "azure-native:managedidentity:UserAssignedIdentity").map((r) => r.inputs["resourceName"]);
    expect(baseIdentities).toEqual(expect.arrayContaining(["acme-dev-api", "acme-dev-orders"]));
  });

  it("annotates the review ServiceAccounts with the base identities' client ids", () => {
    const accounts = review.resources.filter((r) => r.type === "kubernetes:core/v1:ServiceAccount").map((r) => (r.inputs["metadata"] as { name: string; annotations?: Record<string, string> }));
    const annotated = accounts.filter((a) => a.annotations?.["azure.workload.identity/client-id"]);
    expect(annotated.map((a) => a.name).sort()).toEqual(["api", "orders"]);
    const offline = azureOffline({ region: "eastus2", account: base.spec.account });
    expect(annotated.find((a) => a.name === "api")!.annotations!["azure.workload.identity/client-id"]).toBe(offline.invoke("azure-native:managedidentity:getUserAssignedIdentity", { resourceName: "acme-dev-api", resourceGroupName: "rg-acme-dev" }, "eastus2")["clientId"]);
  });
});

describe("Azure offline answers", () => {
  const offline = azureOffline({ region: "eastus2", account: { azure: { subscriptionId: "5f2c6f4e-8a1d-4c3b-9e7a-2d4b6c8e0f11", tenantId: "3c1e5a7b-9d2f-4e6a-8b0c-1d3f5a7b9c2e", resourceGroup: "rg-x" } } });

  it("refuses an invoke it has no answer for, naming it", () => {
    expect(() => offline.invoke("azure-native:network:getVirtualNetwork", {}, "eastus2")).toThrow(/no answer for the provider function azure-native:network:getVirtualNetwork/);
  });

  it("gives ARM ids in ARM's own shape, in the stack's subscription and group", () => {
    expect(offline.resourceId("azure-native:keyvault:Key", "k", { vaultName: "kv", keyName: "lake", resourceGroupName: "rg-x" })).toBe("/subscriptions/5f2c6f4e-8a1d-4c3b-9e7a-2d4b6c8e0f11/resourceGroups/rg-x/providers/Microsoft.KeyVault/vaults/kv/keys/lake");
    expect(offline.resourceId("azure-native:resources:ResourceGroup", "rg", { resourceGroupName: "rg-x" })).toBe("/subscriptions/5f2c6f4e-8a1d-4c3b-9e7a-2d4b6c8e0f11/resourceGroups/rg-x");
    expect(offline.resourceId("azure-native:authorization:RoleAssignment", "a", { scope: "/subscriptions/s/resourceGroups/g/providers/Microsoft.X/y/z", roleAssignmentName: "11111111-1111-1111-1111-111111111111" })).toBe("/subscriptions/s/resourceGroups/g/providers/Microsoft.X/y/z/providers/Microsoft.Authorization/roleAssignments/11111111-1111-1111-1111-111111111111");
    expect(offline.resourceId("kubernetes:core/v1:Namespace", "ns", {})).toBe("ns");
  });

  it("puts every host it invents under .offline.invalid", () => {
    const hosts = JSON.stringify([
      offline.computedOutputs("azure-native:keyvault:Key", "k", { vaultName: "kv", keyName: "lake" }, "eastus2"),
      offline.computedOutputs("azure-native:storage:StorageAccount", "s", { accountName: "acct" }, "eastus2"),
      offline.computedOutputs("azure-native:containerservice:ManagedCluster", "c", { dnsPrefix: "aks" }, "eastus2"),
      offline.computedOutputs("azure-native:containerregistry:Registry", "r", { registryName: "acr" }, "eastus2"),
    ]).match(/https?:\/\/[^/"]+|[a-z0-9.-]+\.(?:io|net|com|ms|invalid)\b/g)!;
    expect(hosts.length).toBeGreaterThan(5);
    for (const host of hosts) expect(host).toMatch(/\.offline\.invalid$/);
  });
});
