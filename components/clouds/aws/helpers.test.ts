import { describe, expect, it } from "vitest";
import { policyDocument, policyJson, wildcardGrants, type PolicyStatement } from "./iam-policy.ts";
import { cloudWatchRetentionDays } from "./log-group.ts";

describe("wildcardGrants", () => {
  it("flags a wildcard or service-wide action allowed on every resource", () => {
    expect(wildcardGrants({ Statement: { Effect: "Allow", Action: "*", Resource: "*" } })).toHaveLength(1);
    expect(wildcardGrants({ Statement: [{ Effect: "Allow", Action: ["s3:GetObject", "s3:*"], Resource: ["*"] }] })).toEqual(["statement 0 allows s3:* on *"]);
    expect(wildcardGrants({ Statement: [{ Sid: "All", Effect: "Allow", Action: ["*:*"], Resource: ["arn:aws:s3:::b", "*"] }] })).toEqual(["statement All allows *:* on *"]);
  });

  it("accepts specific actions on *, wildcards on specific resources, and broad denies", () => {
    expect(wildcardGrants({ Statement: [{ Effect: "Allow", Action: ["ecr:GetAuthorizationToken"], Resource: ["*"] }] })).toEqual([]);
    expect(wildcardGrants({ Statement: [{ Effect: "Allow", Action: ["s3:*"], Resource: ["arn:aws:s3:::bucket/*"] }] })).toEqual([]);
    expect(wildcardGrants({ Statement: [{ Effect: "Deny", Action: ["s3:*"], Resource: ["*"] }] })).toEqual([]);
  });
});

describe("policyJson", () => {
  const render = (statement: PolicyStatement) => new Promise<string>((resolve) => policyJson(policyDocument(statement)).apply(resolve));

  it("renders a document as JSON text", async () => {
    expect(JSON.parse(await render({ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }))).toEqual({
      Version: "2012-10-17",
      Statement: [{ Effect: "Allow", Action: ["s3:GetObject"], Resource: ["arn:aws:s3:::b/*"] }],
    });
  });

  it("refuses a service-wide wildcard on every resource where the document is built", () => {
    expect(() => policyJson(policyDocument({ Effect: "Allow", Action: ["iam:*"], Resource: ["*"] }))).toThrow(/IAM policy grants wildcards: statement 0 allows iam:\* on \*/);
  });

  it("cannot be given a bare * action at all", () => {
    // @ts-expect-error an action always names its service
    const statement: PolicyStatement = { Effect: "Allow", Action: ["*"], Resource: ["*"] };
    expect(wildcardGrants({ Statement: [{ ...statement, Resource: ["*"] }] })).toHaveLength(1);
  });
});

describe("cloudWatchRetentionDays", () => {
  it.each([[1, 1], [90, 90], [91, 120], [365, 365], [2555, 2557], [5000, 3653]])("%i days → %i", (days, accepted) => expect(cloudWatchRetentionDays(days)).toBe(accepted));
});
