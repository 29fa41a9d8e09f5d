import type { Rule } from "../rule.ts";
import { controlSets } from "./controls.ts";

/** Values that name no region: global services and multi-region defaults. */
const notARegion = new Set(["global", ""]);

/** `West Europe` → `westeurope`; `EUROPE-WEST1` → `europe-west1`; a GCP zone `europe-west1-b` → `europe-west1`. */
export function normaliseRegion(value: string): string {
  const lower = value.toLowerCase().replace(/\s+/g, "");
  return /^[a-z]+-[a-z]+\d+-[a-z]$/.test(lower) ? lower.slice(0, -2) : lower;
}

export const dataResidency: Rule = {
  id: "data-residency",
  description: "Every regional resource, and every provider, is in one of the stack's allowed regions.",
  severity: "high",
  remediation: "Create the resource in an allowed region (stratum:allowedRegions), or add the region there after a data-protection review.",
  controls: controlSets.residency,
  check: (resource, ctx) => {
    if (ctx.allowedRegions.length === 0) return [];
    // AWS v7 resources and providers say `region`; GCP and Azure resources say `location` (GCP providers `region`).
    const declared = [resource.inputs["region"], resource.inputs["location"]].filter((v): v is string => typeof v === "string");
    const allowed = ctx.allowedRegions.map(normaliseRegion);
    return declared
      .filter((region) => !notARegion.has(normaliseRegion(region)) && !allowed.includes(normaliseRegion(region)))
      .map((region) => `region "${region}" is outside the allowed regions (${ctx.allowedRegions.join(", ")})`);
  },
};
