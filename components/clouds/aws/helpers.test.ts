import { describe, expect, it } from "vitest";
import { awsCron, awsScheduleProblem } from "./cron.ts";
import { validCron } from "../../spec/cron.ts";
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

describe("awsCron", () => {
  it.each([
    ["0 2 * * *", "cron(0 2 * * ? *)"],
    ["*/15 * * * *", "cron(0,15,30,45 * * * ? *)"],
    ["0 6 1 * *", "cron(0 6 1 * ? *)"],
    ["30 1 * * 0", "cron(30 1 ? * 1 *)"],
    ["0 9 * * 1-5", "cron(0 9 ? * 2-6 *)"],
    ["0 9 * * MON-FRI", "cron(0 9 ? * 2-6 *)"],
    ["0 0 * * 6,7", "cron(0 0 ? * 1,7 *)"],
    // A step in the day of week had no AWS equivalent when the text was rewritten; from the parsed form it is a list.
    ["0 0 * * */2", "cron(0 0 ? * 1,3,5,7 *)"],
    ["0 0 1-7,15 JAN,JUL *", "cron(0 0 1-7,15 1,7 ? *)"],
  ])("%s → %s", (cron, aws) => expect(awsCron(validCron(cron))).toBe(aws));

  it("rejects what AWS cannot express, naming what is allowed", () => {
    expect(awsScheduleProblem(validCron("0 0 1 * 1"))).toMatch(/both the day of the month and the day of the week.*expected \* in one of the two day fields/);
    expect(() => awsCron(validCron("0 0 1 * 1"))).toThrow(/AWS schedules cannot express it/);
    expect(awsScheduleProblem(validCron("0 0 1 * *"))).toBeUndefined();
  });
});

describe("cloudWatchRetentionDays", () => {
  it.each([[1, 1], [90, 90], [91, 120], [365, 365], [2555, 2557], [5000, 3653]])("%i days → %i", (days, accepted) => expect(cloudWatchRetentionDays(days)).toBe(accepted));
});
