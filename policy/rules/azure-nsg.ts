import { asArray, asRecord } from "../inputs.ts";
import { azureSourceRanges, internetFamilies } from "../properties/internet-cidr.ts";
import type { RuleResource, StackFinding } from "../rule.ts";
import { refersToAzure } from "./azure-refs.ts";

const groupType = "azure-native:network:NetworkSecurityGroup";
const ruleType = "azure-native:network:SecurityRule";

/** An inbound Allow rule's sources, as CIDRs (`*`, `Any` and `Internet` are the whole internet). */
function inboundAllowSources(rule: Record<string, unknown>): string[] {
  if (String(rule["direction"]).toLowerCase() !== "inbound" || String(rule["access"]).toLowerCase() !== "allow") return [];
  return azureSourceRanges([rule["sourceAddressPrefix"], ...asArray(rule["sourceAddressPrefixes"])]);
}

const ports = (rule: Record<string, unknown>) => [rule["destinationPortRange"], ...asArray(rule["destinationPortRanges"])].filter((p) => p !== undefined).map(String).join(",") || "all ports";
const label = (rule: Record<string, unknown>, fallback: string) => `rule ${String(rule["name"] ?? rule["securityRuleName"] ?? fallback)} on ${ports(rule)}`;

/**
 * A network security group is judged, like an AWS security group, on the union of what it admits: its inline
 * `securityRules` and every `network.SecurityRule` resource naming it (networkSecurityGroupName), so the internet
 * split over two rules is still the internet. A rule for a group the plan does not hold is judged on its own.
 */
export function nsgsOpenToInternet(resources: readonly RuleResource[]): StackFinding[] {
  const groups = resources.filter((r) => r.type === groupType);
  const separate = resources.filter((r) => r.type === ruleType);
  const judged = groups.map((group) => ({
    urn: group.urn,
    name: group.name,
    rules: [
      ...asArray(group.inputs["securityRules"]).map(asRecord).map((rule, i) => ({ rule, what: label(rule, String(i)) })),
      ...separate.filter((r) => refersToAzure(r.inputs["networkSecurityGroupName"], group)).map((r) => ({ rule: r.inputs as Record<string, unknown>, what: label(r.inputs as Record<string, unknown>, r.name) })),
    ],
  }));
  const orphans = separate
    .filter((r) => !groups.some((g) => refersToAzure(r.inputs["networkSecurityGroupName"], g)))
    .map((r) => ({ urn: r.urn, name: String(r.inputs["networkSecurityGroupName"] ?? r.name), rules: [{ rule: r.inputs as Record<string, unknown>, what: label(r.inputs as Record<string, unknown>, r.name) }] }));
  return [...judged, ...orphans].flatMap(({ urn, name, rules }) => {
    const admitting = rules.filter(({ rule }) => inboundAllowSources(rule).length > 0);
    const open = internetFamilies(admitting.flatMap(({ rule }) => inboundAllowSources(rule)));
    return open.length === 0 ? [] : [{ urn, message: `network security group ${name} admits the whole ${open.join(" and ")} internet (${admitting.map((r) => r.what).join("; ")})` }];
  });
}
