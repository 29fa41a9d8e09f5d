import { asArray, get, isSet } from "../inputs.ts";
import type { Rule, RuleResource, StackFinding } from "../rule.ts";
import { refersToAzure } from "./azure-refs.ts";
import { byType } from "./by-type.ts";
import { controlSets } from "./controls.ts";

/**
 * Front Door attaches a WAF policy to endpoints and custom domains through a cdn.SecurityPolicy whose
 * associations list them: every endpoint (the public entry point) must be in one with a wafPolicy.
 */
function frontDoorFindings(resources: readonly RuleResource[]): StackFinding[] {
  const covered = resources
    .filter((r) => r.type === "azure-native:cdn:SecurityPolicy" && get(r.inputs, "parameters.type") === "WebApplicationFirewall" && isSet(get(r.inputs, "parameters.wafPolicy.id")))
    .flatMap((policy) => asArray(get(policy.inputs, "parameters.associations")).flatMap((a) => asArray(get(a, "domains")).map((d) => get(d, "id"))));
  return resources
    .filter((r) => r.type === "azure-native:cdn:AFDEndpoint")
    .filter((endpoint) => !covered.some((id) => refersToAzure(id, endpoint)))
    .map((endpoint) => ({ urn: endpoint.urn, message: `Front Door endpoint ${endpoint.name} has no WAF: no cdn.SecurityPolicy (WebApplicationFirewall with wafPolicy) associates it` }));
}

export const cdnWaf: Rule = {
  id: "cdn-waf",
  description: "Every CDN distribution, a public entry point, is fronted by a web application firewall.",
  severity: "high",
  remediation: "AWS: create a wafv2.WebAcl (scope CLOUDFRONT, the AWS managed common and known-bad-inputs rule groups, a rate limit) and set the distribution's webAclId to its ARN. GCP: a compute.SecurityPolicy of type CLOUD_ARMOR_EDGE named by every CDN backend bucket's edgeSecurityPolicy. Azure: a frontdoor.Policy (WAF, Prevention mode, managed rule sets) attached to every Front Door endpoint by a cdn.SecurityPolicy.",
  controls: controlSets.edgeProtection,
  ...byType({
    "aws:cloudfront/distribution:Distribution": (i) => (isSet(i["webAclId"]) ? undefined : "distribution has no web ACL (webAclId unset)"),
    "gcp:compute/backendBucket:BackendBucket": (i) => (i["enableCdn"] !== true || isSet(i["edgeSecurityPolicy"]) ? undefined : "CDN backend bucket has no Cloud Armor edge policy (edgeSecurityPolicy unset)"),
  }),
  checkStack: (resources) => frontDoorFindings(resources),
};
