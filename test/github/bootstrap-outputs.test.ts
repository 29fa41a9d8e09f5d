import { describe, expect, it } from "vitest";
import { UserInputError } from "../../lib/cli/errors.ts";
import { bootstrapReadOutputs, desiredRepository, oidcVariables } from "../../lib/github/bootstrap-config.ts";

/** Which stack outputs bootstrap turns into Actions variables: the stack's own, and its cloud's cloud-wide ones. */
const identities = { deployIdentity: "d", previewIdentity: "p", publishIdentity: "u" };
const everyCloudWide = { region: "eu-west-1", projectId: "acme-dev", tenantId: "t-guid", subscriptionId: "s-guid", accountId: "111122223333" };
const variablesOf = (outputs: Record<string, unknown>) => oidcVariables("dev-x", "out.json", JSON.stringify({ ...identities, ...everyCloudWide, ...outputs }));
const shared = (variables: Record<string, string>) => Object.fromEntries(Object.entries(variables).filter(([name]) => !name.startsWith("STRATUM_")));

describe("bootstrap's cloud-wide variables", () => {
  it.each([
    ["aws", { AWS_REGION: "eu-west-1" }],
    ["gcp", { GCP_PROJECT_ID: "acme-dev" }],
    ["azure", { AZURE_TENANT_ID: "t-guid", AZURE_SUBSCRIPTION_ID: "s-guid" }],
  ])("a %s stack's outputs set only its own cloud's login variables", (cloud, expected) => {
    expect(shared(variablesOf({ cloud }))).toEqual(expected);
  });

  it("outputs without a known cloud set no cloud-wide variable", () => {
    expect(shared(variablesOf({}))).toEqual({});
    expect(shared(variablesOf({ cloud: "moon" }))).toEqual({});
  });

  it("lists every output it reads, per cloud, from the same table it reads them with", () => {
    expect(bootstrapReadOutputs("prod-x", "aws", "prod")).toEqual(["cloud", "environment", "deployIdentity", "previewIdentity", "publishIdentity", "registryHost", "registryUrls", "region"]);
    expect(bootstrapReadOutputs("dev-x", "aws", "dev")).toContain("reviewIdentity");
    expect(bootstrapReadOutputs("dev-x", "azure", "dev").slice(-2)).toEqual(["tenantId", "subscriptionId"]);
    expect(Object.keys(variablesOf({ cloud: "aws", registryHost: "h", registryUrls: { api: "h/api" } })).sort()).toEqual(
      ["AWS_REGION", "STRATUM_DEV_X_DEPLOY_IDENTITY", "STRATUM_DEV_X_PREVIEW_IDENTITY", "STRATUM_DEV_X_PUBLISH_IDENTITY", "STRATUM_DEV_X_REGISTRY_HOST", "STRATUM_DEV_X_REGISTRY_URLS"],
    );
  });

  it("refuses two stacks that disagree on a repository-wide variable, naming both files (exit 2)", () => {
    const outputs = (file: string, stack: string, region: string) => ({ stack, file, text: JSON.stringify({ ...identities, cloud: "aws", region }) });
    expect(desiredRepository({ outputs: [outputs("dev.json", "dev-aws", "us-east-1"), outputs("prod.json", "prod-aws", "us-east-1")], variables: [] }).variables["AWS_REGION"]).toBe("us-east-1");
    const disagreeing = () => desiredRepository({ outputs: [outputs("dev.json", "dev-aws", "us-east-1"), outputs("prod.json", "prod-aws", "eu-west-1")], variables: [] });
    expect(disagreeing).toThrow(UserInputError);
    expect(disagreeing).toThrow(
      '--outputs prod.json: AWS_REGION: got "eu-west-1", but --outputs dev.json gives "us-east-1"; every stack\'s login reads this one repository variable, so the stacks must agree',
    );
  });
});
