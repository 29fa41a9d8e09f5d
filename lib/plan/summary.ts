import type { PlanReport, PlanResource } from "./model.ts";
import { capabilityOf, isCloudResource, tierOf, tiers, type Tier } from "./tiers.ts";
import { compareText } from "../text/text-order.ts";

export interface CapabilitySummary {
  /** The capability's kind, e.g. `Network` for `stratum:infra:Network`. */
  readonly kind: string;
  readonly resources: number;
  /** The most numerous resource types, for the diagram. */
  readonly mainTypes: readonly string[];
}

export interface PlanSummary {
  readonly stack: string;
  readonly cloud: string;
  readonly environment: string;
  readonly region: string;
  readonly total: number;
  readonly byTier: Readonly<Record<Tier, number>>;
  readonly byType: readonly { readonly type: string; readonly count: number }[];
  readonly capabilities: Readonly<Record<Tier, readonly CapabilitySummary[]>>;
}

/** Counts cloud resources per tier, per type and per capability. */
export function summarize(report: PlanReport): PlanSummary {
  const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
  const cloudResources = report.resources.filter(isCloudResource);
  const byTier = Object.fromEntries(tiers.map((t) => [t, 0])) as Record<Tier, number>;
  const byType = new Map<string, number>();
  const perCapability = new Map<string, { tier: Tier; kind: string; types: Map<string, number> }>();
  for (const resource of cloudResources) {
    const tier = tierOf(resource, byUrn);
    if (tier) byTier[tier] += 1;
    byType.set(resource.type, (byType.get(resource.type) ?? 0) + 1);
    const capability = capabilityOf(resource, byUrn);
    if (tier && capability) {
      const entry = perCapability.get(capability.urn) ?? { tier, kind: capability.type.split(":")[2] ?? capability.name, types: new Map() };
      entry.types.set(resource.type, (entry.types.get(resource.type) ?? 0) + 1);
      perCapability.set(capability.urn, entry);
    }
  }
  const capabilities = Object.fromEntries(tiers.map((t) => [t, [] as CapabilitySummary[]])) as Record<Tier, CapabilitySummary[]>;
  for (const { tier, kind, types } of [...perCapability.values()].sort((a, b) => compareText(a.kind, b.kind))) {
    const ranked = [...types.entries()].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]));
    capabilities[tier].push({ kind, resources: ranked.reduce((n, [, c]) => n + c, 0), mainTypes: ranked.slice(0, 3).map(([type]) => shortType(type)) });
  }
  return {
    stack: report.stack,
    cloud: report.cloud,
    environment: report.environment,
    region: report.region,
    total: cloudResources.length,
    byTier,
    byType: [...byType.entries()].map(([type, count]) => ({ type, count })).sort((a, b) => b.count - a.count || compareText(a.type, b.type)),
    capabilities,
  };
}

/** `aws:ec2/subnet:Subnet` → `ec2.Subnet`; `kubernetes:apps/v1:Deployment` → `apps.Deployment`. */
export function shortType(type: string): string {
  const [, module = "", kind = type] = type.split(":");
  return `${module.split("/")[0]}.${kind}`;
}

export function cloudResourceCount(resources: readonly PlanResource[]): number {
  return resources.filter(isCloudResource).length;
}
