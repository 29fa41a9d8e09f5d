import { describe, expect, it } from "vitest";
import { specFromConfig } from "../../components/spec/index.ts";
import { specProblems } from "../support/spec-problems.ts";
import { asRuntimeConfig, exampleStackConfig, testAccounts } from "../support/stack-files.ts";

/** `stratum:account`: the stack's own cloud's section, required and validated; another cloud's, refused. */

const problemsOf = specProblems;

const onCloud = (cloud: "gcp" | "azure", account: unknown) => ({
  ...exampleStackConfig("dev-aws"),
  "stratum:cloud": cloud,
  "stratum:region": cloud === "gcp" ? "europe-west1" : "westeurope",
  "stratum:allowedRegions": [cloud === "gcp" ? "europe-west1" : "westeurope"],
  "stratum:account": account,
  // GCP's teams are Google groups (checked at the spec), not the AWS example's IAM roles.
  ...(cloud === "gcp" ? { "stratum:teams": [{ name: "platform", group: "platform-engineers@acme.example.com", access: "deployer" }] } : {}),
});
const withAws = (aws: unknown) => ({ ...exampleStackConfig("dev-aws"), "stratum:account": { aws } });

describe("stratum:account", () => {
  it("resolves the example stacks' AWS account, and only that section", () => {
    const spec = specFromConfig(asRuntimeConfig(exampleStackConfig("prod-aws")), "prod-aws");
    expect(spec.account).toEqual({ aws: { accountId: "111122223333" } });
  });

  it("is required, and so is the stack's cloud's section", () => {
    const config = exampleStackConfig("dev-aws");
    delete config["stratum:account"];
    expect(problemsOf(config)).toEqual(["stratum:account: is required (object)"]);
    expect(problemsOf({ ...config, "stratum:account": {} })).toEqual([
      "stratum:account.aws: is required when stratum:cloud is aws (accountId): the provider is pinned to that account, so the stack can never be applied in another",
    ]);
  });

  it("refuses another cloud's section, naming it, even beside the right one", () => {
    expect(problemsOf({ ...exampleStackConfig("dev-aws"), "stratum:account": { ...testAccounts.aws, ...testAccounts.gcp } })).toEqual([
      "stratum:account.gcp: is a gcp section, but stratum:cloud is aws: a stack deploys into one account of its own cloud; remove it",
    ]);
    expect(problemsOf(onCloud("azure", testAccounts.aws))).toEqual([
      "stratum:account.aws: is a aws section, but stratum:cloud is azure: a stack deploys into one account of its own cloud; remove it",
      "stratum:account.azure: is required when stratum:cloud is azure (subscriptionId, tenantId and optionally resourceGroup): the provider is pinned to that account, so the stack can never be applied in another",
    ]);
  });

  it.each([
    ["11 digits", "11112222333"],
    ["13 digits", "1111222233334"],
    ["letters", "11112222333a"],
    ["spaces", "1111 2222 3333"],
    ["the offline placeholder", "000000000000"],
    ["a shell line", "111122223333; rm -rf /"],
  ])("refuses an AWS account id of %s (exit 2 naming the key)", (_, accountId) => {
    expect(problemsOf(withAws({ accountId }))).toEqual([
      `stratum:account.aws.accountId: got ${JSON.stringify(accountId)}, expected a 12-digit AWS account id such as 111122223333 (not 000000000000, the offline plan's placeholder)`,
    ]);
  });

  it("asks for an unquoted account id to be quoted: YAML made it a number and may have dropped a leading zero", () => {
    expect(problemsOf(withAws({ accountId: 12345678901 }))).toEqual([
      'stratum:account.aws.accountId: got the number 12345678901, expected a string: quote it in the stack file ("12345678901"), YAML reads unquoted digits as a number and drops leading zeros',
    ]);
  });

  it("refuses unknown keys in a section", () => {
    expect(problemsOf(withAws({ accountId: "111122223333", region: "us-east-1" }))).toEqual([
      "stratum:account.aws.region: unknown key; check the spelling against the schema (stratum.schema.json)",
    ]);
  });

  it("takes a GCP project id and number, each checked", () => {
    expect(specFromConfig(asRuntimeConfig(onCloud("gcp", testAccounts.gcp)), "t").account).toEqual(testAccounts.gcp);
    expect(problemsOf(onCloud("gcp", { gcp: { projectId: "Acme_Dev", projectNumber: "0123" } }))).toEqual([
      `stratum:account.gcp.projectId: got "Acme_Dev", expected a Google Cloud project id such as acme-platform-dev: 6 to 30 lowercase letters, digits and '-', starting with a letter, not ending with '-'`,
      "stratum:account.gcp.projectNumber: got \"0123\", expected a Google Cloud project number such as 123456789012 (digits only, as a string)",
    ]);
    for (const projectId of ["short", "a".repeat(31), "acme-dev-", "1acme-dev", "example.com:acme"]) {
      expect(problemsOf(onCloud("gcp", { gcp: { projectId, projectNumber: "1" } }))[0], projectId).toMatch(/^stratum:account\.gcp\.projectId: got /);
    }
    expect(problemsOf(onCloud("gcp", { gcp: { projectId: "acme-platform-dev" } }))).toEqual(["stratum:account.gcp.projectNumber: is required (string)"]);
  });

  it("takes Azure GUIDs (in any case, kept lower case) and names the resource group, by default rg-<name>-<environment>", () => {
    const upper = { azure: { subscriptionId: "AAAAAAAA-2222-3333-4444-555555555555", tenantId: testAccounts.azure.azure.tenantId } };
    expect(specFromConfig(asRuntimeConfig(onCloud("azure", upper)), "t").account).toEqual({
      azure: { subscriptionId: "aaaaaaaa-2222-3333-4444-555555555555", tenantId: testAccounts.azure.azure.tenantId, resourceGroup: "rg-acme-dev" },
    });
    const named = { azure: { ...testAccounts.azure.azure, resourceGroup: "platform.dev_1" } };
    expect(specFromConfig(asRuntimeConfig(onCloud("azure", named)), "t").account.azure?.resourceGroup).toBe("platform.dev_1");
    expect(problemsOf(onCloud("azure", { azure: { subscriptionId: "00000000-0000-0000-0000-000000000000", tenantId: "not-a-guid", resourceGroup: "rg." } }))).toEqual([
      'stratum:account.azure.subscriptionId: got "00000000-0000-0000-0000-000000000000", expected an Azure subscription id: GUID such as 11111111-2222-3333-4444-555555555555 (not the nil GUID)',
      'stratum:account.azure.tenantId: got "not-a-guid", expected the Entra ID tenant id of the subscription: GUID such as 11111111-2222-3333-4444-555555555555 (not the nil GUID)',
      `stratum:account.azure.resourceGroup: got "rg.", expected an Azure resource group name: 1 to 90 letters, digits, '.', '_' and '-', not ending with '.'`,
    ]);
    expect(problemsOf(onCloud("azure", { azure: { ...testAccounts.azure.azure, resourceGroup: `rg $(id)` } }))[0]).toMatch(/^stratum:account\.azure\.resourceGroup: got "rg \$\(id\)"/);
  });
});
