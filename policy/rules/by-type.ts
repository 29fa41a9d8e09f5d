import type { PolicyContext } from "../context.ts";
import type { Rule, RuleResource } from "../rule.ts";

type Inputs = Readonly<Record<string, unknown>>;
/** One check per resource type; returns the problems found (strings), or nothing. */
export type TypeCheck = (inputs: Inputs, ctx: PolicyContext, resource: RuleResource) => string | readonly string[] | undefined;

/** Builds a rule's `resourceTypes` and `check` from a table keyed by type token, so each cloud's check reads alone. */
export function byType(table: Readonly<Record<string, TypeCheck>>): Pick<Rule, "resourceTypes" | "check"> {
  return {
    resourceTypes: Object.keys(table),
    check: (resource, ctx) => {
      const found = table[resource.type]?.(resource.inputs, ctx, resource);
      if (found === undefined) return [];
      return typeof found === "string" ? [found] : [...found];
    },
  };
}

/** Collects the messages whose condition is true. */
export function problems(...entries: readonly (readonly [boolean, string])[]): string[] {
  return entries.filter(([failed]) => failed).map(([, message]) => message);
}
