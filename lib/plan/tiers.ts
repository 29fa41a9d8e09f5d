import type { PlanResource } from "./model.ts";

/** The platform's tiers in composition order: each sees only the outputs of those before it. */
export const tiers = ["governance", "infra", "data", "ml", "web"] as const;
export type Tier = (typeof tiers)[number];

/** A resource the cloud (or the cluster) holds, as opposed to a component or the stack itself. */
export function isCloudResource(resource: PlanResource): boolean {
  return !resource.type.startsWith("stratum:") && resource.type !== "pulumi:pulumi:Stack" && !resource.type.startsWith("pulumi:providers:");
}

/**
 * The tier a resource belongs to: the first `stratum:<tier>:*` component on its parent chain. Undefined for
 * resources outside the Platform.
 */
export function tierOf(resource: PlanResource, byUrn: ReadonlyMap<string, PlanResource>): Tier | undefined {
  for (let current: PlanResource | undefined = resource; current; current = current.parent ? byUrn.get(current.parent) : undefined) {
    const [, tier] = current.type.split(":");
    if (current.type.startsWith("stratum:") && (tiers as readonly string[]).includes(tier ?? "")) return tier as Tier;
  }
  return undefined;
}

/** The capability component (`stratum:<tier>:<Kind>` below a tier component) a resource belongs to. */
export function capabilityOf(resource: PlanResource, byUrn: ReadonlyMap<string, PlanResource>): PlanResource | undefined {
  let capability: PlanResource | undefined;
  for (let current: PlanResource | undefined = resource; current; current = current.parent ? byUrn.get(current.parent) : undefined) {
    const parent = current.parent ? byUrn.get(current.parent) : undefined;
    if (current.type.startsWith("stratum:") && parent && isTierComponent(parent)) capability = current;
  }
  return capability;
}

function isTierComponent(resource: PlanResource): boolean {
  const [scope, tier] = resource.type.split(":");
  return scope === "stratum" && (tiers as readonly string[]).includes(tier ?? "") && resource.parent !== null && resource.type.split(":")[2]?.toLowerCase() === tier;
}
