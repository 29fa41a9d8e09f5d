import { describe, expect, it } from "vitest";
import type { PlanResource } from "../../lib/plan/model.ts";
import type { PolicyContext } from "../../policy/context.ts";
import { evaluatePlan } from "../../policy/evaluate.ts";
import { allRules } from "../../policy/rules/index.ts";
import { secureAzureStack, secureGcpStack } from "./cloud-stacks.ts";
import { context, mutate } from "./fixtures.ts";
import { packViolations } from "./pack-eval.ts";

const today = new Date("2026-06-01T12:00:00Z");
const stacks: [string, () => PlanResource[], Partial<PolicyContext>][] = [
  ["GCP", secureGcpStack, { stack: "prod-gcp", cloud: "gcp", region: "europe-west1", allowedRegions: ["europe-west1"] }],
  ["Azure", secureAzureStack, { stack: "prod-azure", cloud: "azure", region: "westeurope", allowedRegions: ["westeurope"] }],
];

describe.each(stacks)("a secure %s stack as the reference architecture describes it", (_, stack, overrides) => {
  it("passes every rule in prod and in dev, offline and through the pack", async () => {
    for (const environment of ["prod", "dev"] as const) {
      const ctx = context({ ...overrides, environment });
      expect(evaluatePlan(stack(), ctx, [], today).violations).toEqual([]);
      for (const rule of allRules) expect(await packViolations(rule, stack(), ctx), rule.id).toEqual([]);
    }
  });
});

/** One change to one resource of the secure stack, and the rule that must catch it. */
const variants: [string, string, () => PlanResource[], Partial<PolicyContext>][] = [
  ["GCP: a lake bucket without public access prevention", "no-public-data", () => mutate(secureGcpStack(), "lake-raw", (i) => ({ ...i, publicAccessPrevention: "inherited" })), stacks[0]![2]],
  ["GCP: the audit bucket's retention unlocked", "audit-logging", () => mutate(secureGcpStack(), "audit", (i) => ({ ...i, retentionPolicy: { retentionPeriod: "31536000" } })), stacks[0]![2]],
  ["GCP: the HTTP URL map serving the site instead of redirecting", "tls-in-transit", () => mutate(secureGcpStack(), "site-redirect", () => ({ defaultService: "site" })), stacks[0]![2]],
  ["GCP: the GitHub provider pinned to the owner only", "ci-identity-federated", () => mutate(secureGcpStack(), "github", (i) => ({ ...i, attributeCondition: "assertion.repository_owner == 'acme'" })), stacks[0]![2]],
  ["GCP: a key rotating yearly", "key-rotation", () => mutate(secureGcpStack(), "data", (i) => ({ ...i, rotationPeriod: "31536000s" })), stacks[0]![2]],
  ["Azure: the lake reachable from the internet", "no-public-network-access", () => mutate(secureAzureStack(), "lake", (i) => ({ ...i, publicNetworkAccess: "Enabled" })), stacks[1]![2]],
  ["Azure: the cluster's diagnostic setting gone", "audit-logging", () => secureAzureStack().filter((r) => r.name !== "cluster-diag"), stacks[1]![2]],
  ["Azure: the NSG open to the Internet tag", "no-internet-ingress", () => mutate(secureAzureStack(), "nodes-nsg", (i) => ({ ...i, securityRules: [{ name: "all", direction: "Inbound", access: "Allow", protocol: "*", priority: 100, sourceAddressPrefix: "Internet", destinationAddressPrefix: "*", destinationPortRange: "*" }] })), stacks[1]![2]],
  ["Azure: the deploy role assigned on the subscription", "no-privileged-roles", () => mutate(secureAzureStack(), "api-reads-raw", (i) => ({ ...i, scope: "/subscriptions/s" })), stacks[1]![2]],
  ["Azure: the vault without purge protection", "key-store-protection", () => mutate(secureAzureStack(), "kv", (i) => ({ ...i, properties: { ...(i["properties"] as object), enablePurgeProtection: false } })), stacks[1]![2]],
];

describe.each(variants)("%s", (_, rule, stack, overrides) => {
  it(`is caught by ${rule} alone, offline and through the pack`, async () => {
    const ctx = context(overrides);
    const violations = evaluatePlan(stack(), ctx, [], today).violations;
    expect([...new Set(violations.map((v) => v.rule))]).toEqual([rule]);
    const pack = await packViolations(allRules.find((r) => r.id === rule)!, stack(), ctx);
    expect(pack.map((v) => v.urn)).toEqual(violations.map((v) => v.urn));
  });
});
