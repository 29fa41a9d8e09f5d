import type { PolicyContext } from "./context.ts";
import type { Rule } from "./rule.ts";
import { allRules } from "./rules/index.ts";
import { enforcementFor } from "./select.ts";
import { expiredWaiverRule } from "./waivers.ts";

/**
 * The `--policy-pack-config` file for a stack: per policy, its enforcement level (disabled when the stack's
 * frameworks do not select it) and the stack context the rules read. The same selection as `evaluatePlan`.
 * `waivers` is the absolute path of the waivers file the CLI applies, so the pack applies the same one;
 * the expired-waiver policy is always mandatory, as `waiver-expired` is for the CLI.
 */
export function packConfig(ctx: PolicyContext, rules: readonly Rule[] = allRules, waivers?: string): Record<string, Record<string, unknown>> {
  const context = {
    stack: ctx.stack,
    environment: ctx.environment,
    cloud: ctx.cloud,
    region: ctx.region,
    allowedRegions: [...ctx.allowedRegions],
    frameworks: [...ctx.frameworks],
    advisoryRules: [...ctx.advisoryRules],
    requiredTags: [...ctx.requiredTags],
    ...(ctx.baseStack ? { baseStack: ctx.baseStack } : {}),
    ...(waivers === undefined ? {} : { waivers }),
  };
  return {
    ...Object.fromEntries(rules.map((rule) => [rule.id, { enforcementLevel: enforcementFor(rule, ctx) ?? "disabled", ...context }])),
    [expiredWaiverRule]: { enforcementLevel: "mandatory", ...context },
  };
}
