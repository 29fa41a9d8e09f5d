import { describe, expect, it } from "vitest";
import { CelUnsupported, celHolds, evaluateCel } from "../../lib/permissions/cel.ts";

const assertion = { sub: "repo:acme/platform:environment:production", repository: "acme/platform", environment: "production", ref: "refs/heads/main" };

describe("the CEL subset of attribute conditions, mappings and IAM conditions", () => {
  it("evaluates the forms the drivers write", () => {
    expect(celHolds("assertion.repository == 'acme/platform' && assertion.environment == 'production'", { assertion })).toBe(true);
    expect(celHolds("assertion.repository == 'acme/platform' && assertion.environment == 'staging'", { assertion })).toBe(false);
    expect(celHolds('assertion.sub in ["repo:acme/platform:environment:staging", "repo:acme/platform:environment:production"]', { assertion })).toBe(true);
    expect(celHolds("(assertion.ref == 'refs/heads/dev' || assertion.ref == 'refs/heads/main') && !(assertion.repository != 'acme/platform')", { assertion })).toBe(true);
    expect(celHolds("resource.name.startsWith('projects/p/global/urlMaps/acme-')", { resource: { name: "projects/p/global/urlMaps/acme-dev" } })).toBe(true);
    expect(celHolds("resource.name.endsWith('/acme-prod')", { resource: { name: "projects/p/global/urlMaps/acme-dev" } })).toBe(false);
    expect(evaluateCel("assertion['sub']", { assertion })).toBe(assertion.sub);
    expect(evaluateCel('"x\\"y"', {})).toBe('x"y');
  });

  it("a claim the token lacks makes the condition false, as Google Cloud fails it", () => {
    const { environment: _, ...noEnvironment } = assertion;
    expect(celHolds("assertion.environment == 'production'", { assertion: noEnvironment })).toBe(false);
    expect(celHolds("assertion.environment != 'production'", { assertion: noEnvironment })).toBe(false);
    expect(evaluateCel("assertion.environment", { assertion: noEnvironment })).toBeUndefined();
  });

  it("refuses, naming it, whatever it does not read", () => {
    const refused = (source: string) => () => celHolds(source, { assertion, request: { time: "t" } });
    expect(refused("assertion.repository.matches('acme/.*')")).toThrow(CelUnsupported);
    expect(refused("assertion.repository.matches('acme/.*')")).toThrow(/calls matches\(\)/);
    expect(refused("size(assertion.sub) == '3'")).toThrow(/calls size\(\)/);
    expect(refused("assertion.repository == 'a' ? true : false")).toThrow(/uses "\?"/);
    expect(refused("request.time < timestamp('2030-01-01T00:00:00Z')")).toThrow(/uses "<"/);
    expect(refused("google.subject == 'x'")).toThrow(/the name google is not one the check knows/);
    expect(refused("assertion.repository")).toThrow(/not a boolean/);
    expect(refused("assertion.repository == 'a' assertion")).toThrow(/continues with "assertion"/);
  });
});
