import type { Framework } from "../components/spec/index.ts";
import type { PolicyContext } from "./context.ts";

export type RuleSeverity = "critical" | "high" | "medium" | "low";

/** A resource as a rule sees it: the same shape offline (plan JSON, preview JSON) and under the Pulumi CLI. */
export interface RuleResource {
  readonly type: string;
  readonly urn: string;
  readonly name: string;
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** A stack-level finding names the resource it is about (or the stack's own URN when something is missing). */
export interface StackFinding {
  readonly urn: string;
  readonly message: string;
}

/** The controls a rule evidences, per framework. An empty list means the framework does not select the rule. */
export type Controls = Readonly<Record<Framework, readonly string[]>>;

/**
 * One policy rule. Rules are plain data plus pure functions and never import `@pulumi/policy`, so the same rule
 * runs offline on recorded resources and inside the CrossGuard pack (`policy/index.ts` adapts them).
 */
export interface Rule {
  readonly id: string;
  readonly description: string;
  readonly severity: RuleSeverity;
  readonly remediation: string;
  readonly controls: Controls;
  /**
   * A rule that reports what a reviewer must judge (a finding may be right by design) never blocks: it is advisory
   * in every environment, prod included, whatever `compliance.advisoryRules` says.
   */
  readonly advisoryOnly?: true;
  /** The types `check` looks at; absent means every resource (the rule filters itself). */
  readonly resourceTypes?: readonly string[];
  /** Messages for one resource; empty when it complies. */
  readonly check?: (resource: RuleResource, ctx: PolicyContext) => string[];
  /** Findings that need the whole stack: relationships between resources, or a resource that must exist. */
  readonly checkStack?: (resources: readonly RuleResource[], ctx: PolicyContext) => StackFinding[];
}

/** True when `check` applies to a resource of this type. Component resources and the stack itself are never checked. */
export function ruleAppliesTo(rule: Rule, type: string): boolean {
  if (type.startsWith("stratum:") || type === "pulumi:pulumi:Stack") return false;
  return rule.resourceTypes === undefined || rule.resourceTypes.includes(type);
}
