import { isSet } from "../inputs.ts";
import type { Rule } from "../rule.ts";
import { byType } from "./by-type.ts";
import { controlSets } from "./controls.ts";

export const cdnWaf: Rule = {
  id: "cdn-waf",
  description: "Every CDN distribution, a public entry point, is fronted by a web application firewall.",
  severity: "high",
  remediation: "AWS: create a wafv2.WebAcl (scope CLOUDFRONT, the AWS managed common and known-bad-inputs rule groups, a rate limit) and set the distribution's webAclId to its ARN.",
  controls: controlSets.edgeProtection,
  ...byType({
    "aws:cloudfront/distribution:Distribution": (i) => (isSet(i["webAclId"]) ? undefined : "distribution has no web ACL (webAclId unset)"),
  }),
};
