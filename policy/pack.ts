import type { PolicyConfigSchema, PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { inferCloud, policyContextFromConfig, policyContextNames } from "./context.ts";
import { ruleAppliesTo, type Rule, type RuleResource } from "./rule.ts";
import { neutralizeWorkflowCommands } from "../lib/cli/workflow-commands.ts";

/**
 * Every policy reads the stack's context from its own policy config; `stratum policy config --stack NAME`
 * writes the file (`pulumi preview --policy-pack policy --policy-pack-config policy-config.json`).
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
  },
};

type Policy = ResourceValidationPolicy | StackValidationPolicy;

function metadata(rule: Rule) {
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
 * `checkStack` becomes a stack policy that also runs its per-resource `check` (one policy per rule id).
 */
export function toPolicies(rules: readonly Rule[]): Policy[] {
  return rules.map((rule): Policy => {
    if (rule.checkStack === undefined) {
      return {
        ...metadata(rule),
        validateResource: (args, reportViolation) => {
          if (!ruleAppliesTo(rule, args.type)) return;
          const ctx = policyContextFromConfig(args.getConfig<Record<string, unknown>>(), inferCloud([args.type]));
          for (const message of rule.check?.({ type: args.type, urn: args.urn, name: args.name, inputs: args.props }, ctx) ?? []) reportViolation(guarded(message));
        },
      };
    }
    return {
      ...metadata(rule),
      validateStack: (args, reportViolation) => {
        const resources = args.resources.map(fromPolicyResource);
        const ctx = policyContextFromConfig(args.getConfig<Record<string, unknown>>(), inferCloud(resources.map((r) => r.type)));
        for (const resource of resources) {
          if (rule.check === undefined || !ruleAppliesTo(rule, resource.type)) continue;
          for (const message of rule.check(resource, ctx)) reportViolation(guarded(message), resource.urn);
        }
        for (const finding of rule.checkStack!(resources, ctx)) reportViolation(guarded(finding.message), finding.urn);
      },
    };
  });
}
