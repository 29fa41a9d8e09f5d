import type { PolicyContext } from "./context.ts";
import type { Rule } from "./rule.ts";

export type Enforcement = "mandatory" | "advisory";

/**
 * How a rule binds this stack: undefined when none of the stack's frameworks selects it; advisory when the
 * spec lists it in compliance.advisoryRules outside prod, or always for an advisory-only rule; mandatory otherwise.
 */
export function enforcementFor(rule: Rule, ctx: PolicyContext): Enforcement | undefined {
  const selected = ctx.frameworks.some((framework) => rule.controls[framework].length > 0);
  if (!selected) return undefined;
  if (rule.advisoryOnly === true) return "advisory";
  return ctx.environment !== "prod" && ctx.advisoryRules.includes(rule.id) ? "advisory" : "mandatory";
}
