import { describe, expect, it } from "vitest";
import { UserInputError } from "../../lib/cli/errors.ts";
import { desiredRepository } from "../../lib/github/bootstrap-config.ts";

/** AWS_REGION is one repository variable for every AWS stack's login: the stacks' outputs must agree on it. */
const identities = { deployIdentity: "arn:aws:iam::111122223333:role/d", previewIdentity: "arn:aws:iam::111122223333:role/p", publishIdentity: "arn:aws:iam::111122223333:role/u" };
const outputs = (file: string, stack: string, region: string) => ({ stack, file, text: JSON.stringify({ ...identities, cloud: "aws", environment: "prod", region }) });

describe("bootstrap's repository-wide variables", () => {
  it("takes one region that every AWS stack agrees on", () => {
    expect(desiredRepository({ outputs: [outputs("a.json", "prod-aws", "us-east-1"), outputs("b.json", "prod-eu", "us-east-1")], variables: [] }).variables["AWS_REGION"]).toBe("us-east-1");
  });

  it("refuses two stacks that disagree on it, naming both files (exit 2)", () => {
    const disagreeing = () => desiredRepository({ outputs: [outputs("a.json", "prod-aws", "us-east-1"), outputs("b.json", "prod-eu", "eu-west-1")], variables: [] });
    expect(disagreeing).toThrow(UserInputError);
    expect(disagreeing).toThrow('--outputs b.json: AWS_REGION: got "eu-west-1", but --outputs a.json gives "us-east-1"; every stack\'s login reads this one repository variable, so the stacks must agree');
  });
});
