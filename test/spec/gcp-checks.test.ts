import { describe, expect, it } from "vitest";
import { specFromConfig } from "../../components/spec/index.ts";
import { specProblems } from "../support/spec-problems.ts";
import { asRuntimeConfig, exampleStackConfig } from "../support/stack-files.ts";

/** GCP's checks at the spec: labels (GCP's label rules), team groups (Google groups of one domain), the network's size. */
const gcpStack = (change: Record<string, unknown>) => ({ ...exampleStackConfig("dev-gcp"), ...change });
const problemsOf = (change: Record<string, unknown>) => specProblems(gcpStack(change));

describe("a GCP stack's spec", () => {
  it("accepts the example stack", () => {
    expect(() => specFromConfig(asRuntimeConfig(gcpStack({})), "dev-gcp")).not.toThrow();
  });

  it.each([
    [{ owner: "Platform-Team", costCenter: "cc-1042" }, /^stratum:tags\.owner: got "Platform-Team", expected a gcp tag value of lowercase letters, digits, '_' and '-'$/],
    [{ owner: "platform team", costCenter: "cc-1042" }, /^stratum:tags\.owner: got "platform team", expected a gcp tag value/],
    [{ owner: "platform-team", costCenter: "cc.1042" }, /^stratum:tags\.costCenter: got "cc\.1042", expected a gcp tag value/],
    [{ owner: "platform-team", costCenter: "cc-1042", "1team": "a" }, /^stratum:tags\.1team: key "1team" is not a valid gcp tag key, expected lowercase letters, digits, '_' and '-', starting with a letter$/],
    [{ owner: "platform-team", costCenter: "cc-1042", ["k".repeat(64)]: "a" }, /key "k{64}" is 64 characters, expected at most 63 on gcp/],
    [{ owner: "p".repeat(64), costCenter: "cc-1042" }, /^stratum:tags\.owner: value is 64 characters, expected at most 63 on gcp$/],
  ])("refuses labels outside GCP's rules: %j", (tags, expected) => {
    expect(problemsOf({ "stratum:tags": tags })).toEqual([expect.stringMatching(expected)]);
  });

  it("refuses a team group that is not a Google group email, naming the team's key", () => {
    const teams = [{ name: "platform", group: "arn:aws:iam::111122223333:role/platform-engineers", access: "deployer" }];
    expect(problemsOf({ "stratum:teams": teams })).toEqual(['stratum:teams[0].group: got "arn:aws:iam::111122223333:role/platform-engineers", expected a Google group email such as platform-engineers@acme.example.com on gcp']);
  });

  it("refuses teams' groups in two domains", () => {
    const teams = [{ name: "platform", group: "platform@acme.example.com", access: "deployer" }, { name: "analysts", group: "analysts@other.example.com", access: "viewer" }];
    expect(problemsOf({ "stratum:teams": teams })).toEqual([expect.stringMatching(/^stratum:teams: the teams' groups are in acme\.example\.com, other\.example\.com, expected one domain on gcp/)]);
  });

  it("refuses a network too small for the GKE and private services ranges", () => {
    expect(problemsOf({ "stratum:infra": { network: { cidr: "10.0.0.0/22" } } })).toEqual(['stratum:infra.network.cidr: got "10.0.0.0/22", expected /20 or larger on gcp (private services access reserves a quarter of the range, at least a /24)']);
  });
});
