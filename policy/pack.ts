import type { PolicyConfigSchema, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { inferCloud, policyContextFromConfig, policyContextNames } from "./context.ts";
import { packWaivers } from "./pack-waivers.ts";
import { ruleAppliesTo, type Rule, type RuleResource } from "./rule.ts";
import { neutralizeWorkflowCommands } from "../lib/cli/workflow-commands.ts";
import { allRules } from "./rules/index.ts";
import { expiredWaiverMessage, expiredWaiverRule, findWaiver, isExpired } from "./waivers.ts";

/**
 * Every policy reads the stack's context from its own policy config; `stratum policy config --stack NAME`
 * writes the file (`pulumi preview --policy-pack policy --policy-pack-config policy-config.json`), including
 * `waivers`, the absolute path of the waivers file the CLI applies.
 */
export const contextConfigSchema: PolicyConfigSchema = {
  properties: {
    stack: { type: "string" },
    environment: { type: "string", enum: [...policyContextNames.environments] },
    cloud: { type: "string", enum: [...policyContextNames.clouds] },
    region: { type: "string" },
    allowedRegions: { type: "array", items: { type: "string" } },
    frameworks: { type: "array", items: { type: "string", enum: [...policyContextNames.frameworks] } },
    advisoryRules: { type: "array", items: { type: "string" } },
    requiredTags: { type: "array", items: { type: "string" } },
    waivers: { type: "string" },
  },
};

type Policy = ResourceValidationPolicy | StackValidationPolicy;
type Config = Record<string, unknown>;

function metadata(rule: Pick<Rule, "id" | "description" | "severity" | "remediation" | "controls">) {
  return {
    name: rule.id,
    description: rule.description,
    severity: rule.severity,
    remediationSteps: rule.remediation,
    tags: Object.entries(rule.controls).flatMap(([framework, controls]) => controls.map((c) => `${framework}:${c}`)),
    configSchema: contextConfigSchema,
  };
}

/** The Pulumi CLI prints violations in the CI log; a message echoing a resource's inputs must not start a workflow command. */
const guarded = neutralizeWorkflowCommands;

function fromPolicyResource(r: PolicyResource): RuleResource {
  return { type: r.type, urn: r.urn, name: r.name, inputs: r.props };
}

/**
 * Adapts the offline rules to CrossGuard. A rule with only `check` becomes a resource policy; a rule with
 * `checkStack` becomes a stack policy that also runs its per-resource `check` (one policy per rule id). A
 * violation a waiver in force covers is not reported, exactly as it does not block `stratum policy check`; every
 * expired waiver is reported by one more policy, `waiver-expired`, as the CLI reports it.
 */
export function toPolicies(rules: readonly Rule[], now: () => Date = () => new Date()): Policy[] {
  // Waivers may name any rule of the catalogue, whichever of them this set of policies holds.
  const ruleIds = [...new Set([...allRules.map((r) => r.id), ...rules.map((r) => r.id)])];
  const reporter = (rule: Rule, config: Config, report: (message: string, urn?: string) => void) => {
    const waivers = packWaivers(config, ruleIds);
    const today = now();
    return (message: string, urn: string) => {
      if (findWaiver(waivers, rule.id, urn, today) === undefined) report(guarded(message), urn);
    };
  };
  const policies = rules.map((rule): Policy => {
    if (rule.checkStack === undefined) {
      return {
        ...metadata(rule),
        validateResource: (args, reportViolation) => {
          if (!ruleAppliesTo(rule, args.type)) return;
          const config = args.getConfig<Config>();
          const ctx = policyContextFromConfig(config, inferCloud([args.type]));
          const report = reporter(rule, config, (message) => reportViolation(message));
          for (const message of rule.check?.({ type: args.type, urn: args.urn, name: args.name, inputs: args.props }, ctx) ?? []) report(message, args.urn);
        },
      };
    }
    return {
      ...metadata(rule),
      validateStack: (args, reportViolation) => {
        const resources = args.resources.map(fromPolicyResource);
        const config = args.getConfig<Config>();
        const ctx = policyContextFromConfig(config, inferCloud(resources.map((r) => r.type)));
        const report = reporter(rule, config, reportViolation);
        for (const resource of resources) {
          if (rule.check === undefined || !ruleAppliesTo(rule, resource.type)) continue;
          for (const message of rule.check(resource, ctx)) report(message, resource.urn);
        }
        for (const finding of rule.checkStack!(resources, ctx)) report(finding.message, finding.urn);
      },
    };
  });
  const expired: StackValidationPolicy = {
    ...metadata(expiredWaiverPolicy),
    validateStack: (args, reportViolation) => {
      const today = now();
      for (const waiver of packWaivers(args.getConfig<Config>(), ruleIds).filter((w) => isExpired(w, today))) reportViolation(guarded(expiredWaiverMessage(waiver)));
    },
  };
  return [...policies, expired];
}

/** The pack's own policy for expired waivers; `stratum policy config` keeps it mandatory. */
export const expiredWaiverPolicy = {
  id: expiredWaiverRule,
  description: "Every waiver in the waivers file is in force: an expired waiver blocks until it is renewed or removed.",
  severity: "high",
  remediation: "Renew the waiver (a new expires date, at most maxExpiryDays ahead, with the approver's agreement) or remove it and fix the violation.",
  controls: { soc2: ["CC6.1"], hipaa: [], gdpr: [], iso27001: ["A.5.36"] },
} as const satisfies Pick<Rule, "id" | "description" | "severity" | "remediation" | "controls">;
