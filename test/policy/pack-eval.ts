import type { PlanResource } from "../../lib/plan/model.ts";
import type { PolicyContext } from "../../policy/context.ts";
import { packConfig } from "../../policy/pack-config.ts";
import { toPolicies } from "../../policy/pack.ts";
import type { Rule } from "../../policy/rule.ts";

type Report = { message: string; urn: string | undefined };

/**
 * Runs one rule exactly as the CrossGuard pack does under `pulumi preview --policy-pack policy`: the policy
 * `toPolicies` builds for it, fed the resources as the analyzer would (one `validateResource` call per resource,
 * or one `validateStack` call with all of them) and the policy config `stratum policy config` writes for `ctx`.
 */
export async function packViolations(rule: Rule, resources: readonly PlanResource[], ctx: PolicyContext, extraConfig: Record<string, unknown> = {}, now?: () => Date): Promise<Report[]> {
  const policy = toPolicies([rule], now).find((p) => p.name === rule.id)!;
  const { enforcementLevel: _level, ...config } = packConfig(ctx, [rule])[rule.id]!;
  const getConfig = () => ({ ...config, ...extraConfig });
  const reports: Report[] = [];
  if ("validateStack" in policy && policy.validateStack) {
    const args = { resources: resources.map((r) => ({ type: r.type, urn: r.urn, name: r.name, props: r.inputs })), getConfig };
    await policy.validateStack(args as never, (message: string, urn?: string) => void reports.push({ message, urn }));
    return reports;
  }
  const validate = "validateResource" in policy ? policy.validateResource : undefined;
  const fns = Array.isArray(validate) ? validate : validate ? [validate] : [];
  for (const r of resources) {
    for (const fn of fns) await fn({ type: r.type, urn: r.urn, name: r.name, props: r.inputs, getConfig } as never, (message: string) => void reports.push({ message, urn: r.urn }));
  }
  return reports;
}
