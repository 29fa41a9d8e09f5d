import type { ComplianceReport, ControlStatus, PlanResource, PlanViolation } from "../lib/plan/model.ts";
import { compareNumbered } from "../lib/text/text-order.ts";
import type { Framework } from "../components/spec/index.ts";
import type { PolicyContext } from "./context.ts";
import { ruleAppliesTo, type Rule, type StackFinding } from "./rule.ts";
import { allRules } from "./rules/index.ts";
import { enforcementFor } from "./select.ts";
import { expiredWaiverMessage, findWaiver, isExpired, type Waiver } from "./waivers.ts";

export type { PolicyContext } from "./context.ts";
export { policyContextFromSpec } from "./context.ts";

export { expiredWaiverRule } from "./waivers.ts";
import { expiredWaiverRule } from "./waivers.ts";

export interface PolicyResult {
  readonly violations: PlanViolation[];
  readonly compliance: ComplianceReport;
}

/**
 * Evaluates the selected rules on recorded resources, offline. Waived violations stay in the list with
 * `waived: true`; every expired waiver is itself a mandatory violation.
 */
export function evaluatePlan(resources: readonly PlanResource[], context: PolicyContext, waivers: readonly Waiver[], today: Date, rules: readonly Rule[] = allRules): PolicyResult {
  const violations: PlanViolation[] = [];
  const selected = rules.flatMap((rule) => {
    const enforcement = enforcementFor(rule, context);
    return enforcement === undefined ? [] : [{ rule, enforcement }];
  });
  for (const { rule, enforcement } of selected) {
    for (const finding of findings(rule, resources, context)) {
      const waiver = findWaiver(waivers, rule.id, finding.urn, today);
      violations.push({ rule: rule.id, urn: finding.urn, message: finding.message, enforcement, waived: waiver !== undefined });
    }
  }
  for (const waiver of waivers.filter((w) => isExpired(w, today))) {
    violations.push({
      rule: expiredWaiverRule,
      urn: waiver.urn,
      message: expiredWaiverMessage(waiver),
      enforcement: "mandatory",
      waived: false,
    });
  }
  return { violations, compliance: complianceReport(selected.map((s) => s.rule), context.frameworks, violations) };
}

/** One rule's findings on a set of resources, before selection and waivers. */
export function findings(rule: Rule, resources: readonly PlanResource[], ctx: PolicyContext): StackFinding[] {
  const perResource = rule.check === undefined ? [] : resources.filter((r) => ruleAppliesTo(rule, r.type)).flatMap((r) => rule.check!(r, ctx).map((message) => ({ urn: r.urn, message })));
  const stack = rule.checkStack?.(resources, ctx) ?? [];
  return [...perResource, ...stack];
}

/** Per framework, each control the selected rules evidence, and its status from those rules' violations. */
export function complianceReport(rules: readonly Rule[], frameworks: readonly Framework[], violations: readonly PlanViolation[]): ComplianceReport {
  const status = (ruleIds: readonly string[]): ControlStatus => {
    const relevant = violations.filter((v) => ruleIds.includes(v.rule));
    if (relevant.some((v) => !v.waived)) return "violated";
    return relevant.length > 0 ? "waived" : "pass";
  };
  const report: Record<string, { control: string; rules: string[]; status: ControlStatus }[]> = {};
  for (const framework of frameworks) {
    const byControl = new Map<string, string[]>();
    for (const rule of rules) for (const control of rule.controls[framework]) byControl.set(control, [...(byControl.get(control) ?? []), rule.id]);
    report[framework] = [...byControl.entries()]
      .sort(([a], [b]) => compareNumbered(a, b))
      .map(([control, ruleIds]) => ({ control, rules: ruleIds, status: status(ruleIds) }));
  }
  return report;
}

/** Unwaived mandatory violations: what makes `stratum plan` and `stratum policy check` exit 1. */
export function blockingViolations(violations: readonly PlanViolation[]): PlanViolation[] {
  return violations.filter((v) => v.enforcement === "mandatory" && !v.waived);
}
