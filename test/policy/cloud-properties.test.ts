import { describe, expect, it } from "vitest";
import { attributeConditionProblems, isGithubIssuer, isPinnedSubject } from "../../policy/properties/github-subject.ts";
import { azureSourceRanges, internetFamilies } from "../../policy/properties/internet-cidr.ts";
import { azurePrivilegedRole, isBroadAzureScope } from "../../policy/properties/privileged-role.ts";
import { periodDays, rotationProblem } from "../../policy/properties/rotation-period.ts";
import { meetsTls12, tlsMinorVersion } from "../../policy/properties/tls-minimum.ts";

/** The properties the GCP and Azure rules share with the AWS ones, on each cloud's own spelling. */
describe("TLS 1.2 minimum, in every cloud's spelling", () => {
  it("accepts what the CloudFront check accepted before (TLSv1.2_*, TLSv1.3_*) and nothing older", () => {
    for (const v of ["TLSv1.2_2018", "TLSv1.2_2019", "TLSv1.2_2021", "TLSv1.3_2025"]) expect(meetsTls12(v), v).toBe(true);
    for (const v of ["TLSv1", "TLSv1_2016", "TLSv1.1_2016", "SSLv3", "", undefined]) expect(meetsTls12(v), String(v)).toBe(false);
  });
  it("reads GCP's TLS_1_2, Azure storage's TLS1_2 and Front Door's TLS12 alike", () => {
    expect(["TLS_1_2", "TLS1_2", "TLS12", "TLS_1_3", "TLS13"].map(tlsMinorVersion)).toEqual([2, 2, 2, 3, 3]);
    expect(["TLS_1_0", "TLS1_1", "TLS10", "tls1_2"].map(tlsMinorVersion)).toEqual([0, 1, 0, 2]);
    expect(tlsMinorVersion("TLS1_2x")).toBeUndefined();
  });
});

describe("rotation period", () => {
  it("reads GCP seconds and Azure ISO 8601 durations in days", () => {
    expect([periodDays("7776000s"), periodDays("P90D"), periodDays("P3M"), periodDays("P1Y"), periodDays("P2W")]).toEqual([90, 90, 90, 365, 14]);
    expect([periodDays("90d"), periodDays("P"), periodDays(90)]).toEqual([undefined, undefined, undefined]);
  });
  it("accepts at most 90 days, and names the problem otherwise", () => {
    expect(rotationProblem("7776000s")).toBeUndefined();
    expect(rotationProblem("7776001s")).toMatch(/longer than 90 days/);
    expect(rotationProblem(undefined)).toMatch(/no rotation period/);
    expect(rotationProblem("0s")).toMatch(/not positive/);
    expect(rotationProblem("P120D", 180)).toBeUndefined();
  });
});

describe("the GitHub subject and Workload Identity conditions", () => {
  it("pins by exact repository and environment or ref", () => {
    expect(isPinnedSubject("repo:acme/shop:environment:prod")).toBe(true);
    expect(isPinnedSubject("repo:acme/shop:pull_request")).toBe(false);
    expect(isGithubIssuer("https://token.actions.githubusercontent.com/")).toBe(true);
    expect(isGithubIssuer("https://token.actions.githubusercontent.com.example")).toBe(false);
  });
  it("accepts a conjunction of exact comparisons, quoted either way, in parentheses", () => {
    expect(attributeConditionProblems(`(assertion.repository == "acme/shop") && (assertion.environment == "prod")`)).toEqual([]);
    expect(attributeConditionProblems("assertion.repository == 'acme/shop' && assertion.ref == 'refs/heads/main' && assertion.repository_owner == 'acme'")).toEqual([]);
  });
  it("refuses a condition that widens or only half-pins", () => {
    expect(attributeConditionProblems("assertion.repository in ['acme/shop', 'acme/other'] && assertion.environment == 'prod'")).toHaveLength(1);
    expect(attributeConditionProblems("assertion.repository.matches('acme/.*') && assertion.environment == 'prod'")).toHaveLength(1);
    expect(attributeConditionProblems("assertion.repository == 'acme' && assertion.environment == 'prod'")).toEqual(["attributeCondition does not pin assertion.repository == 'OWNER/REPO'"]);
    expect(attributeConditionProblems("assertion.repository == 'acme/shop' && assertion.environment == 'pr*'")).toHaveLength(1);
  });
});

describe("Azure sources and scopes", () => {
  it("reads *, Any and Internet as the whole internet, other service tags as not", () => {
    expect(internetFamilies(azureSourceRanges(["Internet"]))).toEqual(["IPv4", "IPv6"]);
    expect(internetFamilies(azureSourceRanges(["any"]))).toEqual(["IPv4", "IPv6"]);
    expect(internetFamilies(azureSourceRanges(["VirtualNetwork", "AzureLoadBalancer", "10.0.0.0/8"]))).toEqual([]);
    expect(azureSourceRanges(["203.0.113.7", "2001:db8::1"])).toEqual(["203.0.113.7/32", "2001:db8::1/128"]);
  });
  it("knows the privileged built-in roles by GUID and the subscription and management-group scopes", () => {
    expect(azurePrivilegedRole("/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/8E3AF657-A8FF-443C-A75C-2FE8C4BCB635")).toBe("Owner");
    expect(azurePrivilegedRole("/providers/Microsoft.Authorization/roleDefinitions/acdd72a7-3385-48ef-bd42-f606fba81ae7")).toBeUndefined();
    expect(["/subscriptions/s", "/subscriptions/s/", "/providers/Microsoft.Management/managementGroups/acme", undefined].map(isBroadAzureScope)).toEqual([true, true, true, true]);
    expect(["/subscriptions/s/resourceGroups/rg", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"].map(isBroadAzureScope)).toEqual([false, false]);
  });
});
