import { describe, expect, it } from "vitest";
import * as iamPolicy from "../../components/clouds/aws/iam-policy.ts";
import { findings } from "../../policy/evaluate.ts";
import * as wildcard from "../../policy/properties/wildcard-grant.ts";
import { noInternetIngress } from "../../policy/rules/network.ts";
import { databaseSsl, denyInsecureTransport } from "../../policy/rules/transport.ts";
import { noWildcardIam } from "../../policy/rules/iam.ts";
import { context, res } from "./fixtures.ts";

/**
 * Each security property has one definition: the IAM policy builder and the policy rules give the same answer on
 * the same resources, because they call the same functions; the conformance suite asserts these properties by
 * running the rules themselves (components/conformance/assertions.ts).
 */
const statement = (s: Record<string, unknown>) => JSON.stringify({ Version: "2012-10-17", Statement: [s] });

describe("one definition per security property", () => {
  it("wildcard grant: the builder and no-wildcard-iam share it, NotAction and service-wide actions included", () => {
    expect(iamPolicy.wildcardGrants).toBe(wildcard.wildcardGrants);
    for (const s of [{ Effect: "Allow", Action: ["iam:*"], Resource: "*" }, { Effect: "Allow", NotAction: ["iam:*"], Resource: "*" }, { Effect: "Allow", Action: ["s3:GetObject"], NotResource: ["arn:aws:s3:::x/*"] }]) {
      const resources = [res("aws:iam/rolePolicy:RolePolicy", "p", { policy: statement(s) })];
      expect(findings(noWildcardIam, resources, context()), JSON.stringify(s)).toHaveLength(1);
    }
    expect(() => iamPolicy.policyJson(iamPolicy.policyDocument({ Effect: "Allow", Action: ["iam:*"], Resource: ["*"] }))).toThrow(/allows iam:\* on \*/);
  });

  it("open to the internet: two /1s over two rule resources", () => {
    const resources = [
      res("aws:ec2/securityGroup:SecurityGroup", "web", { ingress: [] }),
      res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "a", { securityGroupId: "web", cidrIpv4: "0.0.0.0/1" }),
      res("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "b", { securityGroupId: "web", cidrIpv4: "128.0.0.0/1" }),
    ];
    expect(findings(noInternetIngress, resources, context())).toHaveLength(1);
    expect(findings(noInternetIngress, resources.slice(0, 2), context())).toEqual([]);
  });

  it("TLS only: a bucket policy denying one action over plain HTTP is not TLS-only", () => {
    const bucket = res("aws:s3/bucket:Bucket", "b", { bucket: "acme-b" });
    const policy = (action: string) => res("aws:s3/bucketPolicy:BucketPolicy", "p", { bucket: "acme-b", policy: statement({ Effect: "Deny", Principal: "*", Action: [action], Condition: { Bool: { "aws:SecureTransport": "false" } } }) });
    for (const [action, tlsOnly] of [["s3:*", true], ["s3:PutObject", false]] as const) {
      expect(findings(denyInsecureTransport, [bucket, policy(action)], context()).length === 0, action).toBe(tlsOnly);
    }
  });

  it("TLS only: the warehouse and the database", () => {
    for (const [value, required] of [["true", true], ["false", false]] as const) {
      const workgroup = res("aws:redshiftserverless/workgroup:Workgroup", "wg", { configParameters: [{ parameterKey: "require_ssl", parameterValue: value }] });
      expect(findings(databaseSsl, [workgroup], context()).length === 0).toBe(required);
    }
    for (const [engine, name, required] of [["postgres", "rds.force_ssl", true], ["mysql", "require_secure_transport", true], ["mysql", "rds.force_ssl", false]] as const) {
      const resources = [res("aws:rds/parameterGroup:ParameterGroup", "pg", { parameters: [{ name, value: "1" }] }), res("aws:rds/instance:Instance", "db", { engine, parameterGroupName: "pg" })];
      expect(findings(databaseSsl, resources, context()).length === 0, `${engine} ${name}`).toBe(required);
    }
  });
});
