import { describe, expect, it } from "vitest";
import { blockingViolations, evaluatePlan, expiredWaiverRule } from "../../policy/evaluate.ts";
import { renderPolicyMarkdown } from "../../policy/render-markdown.ts";
import { allRules } from "../../policy/rules/index.ts";
import { parseWaivers, type Waiver } from "../../policy/waivers.ts";
import { packConfig } from "../../policy/pack-config.ts";
import { context, mutate, res, secureAwsStack, tags } from "./fixtures.ts";

const today = new Date("2026-06-01T12:00:00Z");
const ruleIds = allRules.map((r) => r.id);
const blockingRules = (resources = secureAwsStack(), ctx = context(), waivers: Waiver[] = []) => blockingViolations(evaluatePlan(resources, ctx, waivers, today).violations).map((v) => v.rule);

describe("the secure stack", () => {
  it("passes every rule, in prod and in dev", () => {
    expect(evaluatePlan(secureAwsStack(), context(), [], today).violations).toEqual([]);
    expect(evaluatePlan(secureAwsStack(), context({ environment: "dev" }), [], today).violations).toEqual([]);
  });
});

describe("insecure variants are caught with the right rule id", () => {
  const variants: [string, string, ReturnType<typeof secureAwsStack>][] = [
    ["public bucket", "no-public-data", mutate(secureAwsStack(), "lake-raw-pab", (i) => ({ ...i, blockPublicPolicy: false, restrictPublicBuckets: false }))],
    ["unencrypted database", "encryption-at-rest-cmk", mutate(secureAwsStack(), "db", (i) => ({ ...i, storageEncrypted: false, kmsKeyId: undefined }))],
    ["wildcard IAM", "no-wildcard-iam", mutate(secureAwsStack(), "ci-deploy", (i) => ({ ...i, policy: JSON.stringify({ Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] }) }))],
    ["privileged pod", "k8s-restricted-pod-security", mutate(secureAwsStack(), "api-deploy", (i) => {
      const spec = (i as { spec: { template: { spec: { containers: { securityContext: Record<string, unknown> }[] } } } }).spec.template.spec;
      spec.containers[0]!.securityContext = { privileged: true };
      return i;
    })],
    ["tag missing", "required-tags", mutate(secureAwsStack(), "db", (i) => ({ ...i, tags: { owner: "platform" } }))],
    ["outside allowed regions", "data-residency", mutate(secureAwsStack(), "aws", () => ({ region: "us-east-1" }))],
  ];
  for (const [what, rule, resources] of variants) {
    it(`${what} → ${rule}`, () => {
      expect(blockingRules(resources)).toContain(rule);
    });
  }
});

describe("selection and enforcement", () => {
  const publicDb = mutate(secureAwsStack(), "db", (i) => ({ ...i, publiclyAccessible: true }));
  it("selects rules by the stack's frameworks", () => {
    const gdprOnly = evaluatePlan(mutate(secureAwsStack(), "aws", () => ({ region: "us-east-1" })), context({ frameworks: ["soc2"] }), [], today);
    expect(gdprOnly.violations.map((v) => v.rule)).not.toContain("data-residency");
    expect(Object.keys(gdprOnly.compliance)).toEqual(["soc2"]);
    expect(evaluatePlan(publicDb, context({ frameworks: [] }), [], today).violations).toEqual([]);
  });
  it("reports advisory rules outside prod without blocking", () => {
    const { violations } = evaluatePlan(publicDb, context({ environment: "dev", advisoryRules: ["no-public-database"] }), [], today);
    expect(violations).toEqual([expect.objectContaining({ rule: "no-public-database", enforcement: "advisory", waived: false })]);
    expect(blockingViolations(violations)).toEqual([]);
  });
  it("makes every rule mandatory in prod", () => {
    const { violations } = evaluatePlan(publicDb, context({ environment: "prod", advisoryRules: ["no-public-database"] }), [], today);
    expect(violations[0]?.enforcement).toBe("mandatory");
  });
  it("keeps an advisory-only rule advisory in prod too, offline and in the pack config", () => {
    const projectWide = [res("gcp:projects/iAMMember:IAMMember", "api-reads-every-bucket", { project: "p", role: "roles/storage.objectViewer", member: "serviceAccount:api@p.iam.gserviceaccount.com" })];
    const { violations } = evaluatePlan(projectWide, context({ cloud: "gcp", environment: "prod" }), [], today);
    const grants = violations.filter((v) => v.rule === "resource-scoped-grants");
    expect(grants).toEqual([expect.objectContaining({ enforcement: "advisory", waived: false, message: expect.stringMatching(/roles\/storage\.objectViewer on the whole project; bind it on the bucket/) })]);
    expect(blockingViolations(grants)).toEqual([]);
    expect(packConfig(context({ environment: "prod" }))["resource-scoped-grants"]?.["enforcementLevel"]).toBe("advisory");
  });
  it("binds resilience rules in prod only", () => {
    const fragile = mutate(secureAwsStack(), "db", (i) => ({ ...i, multiAz: false, deletionProtection: false, backupRetentionPeriod: 1 }));
    expect(blockingRules(fragile, context({ environment: "dev" }))).toEqual([]);
    expect(blockingRules(fragile).sort()).toEqual(["database-backups", "deletion-protection", "zone-redundancy"]);
  });
  it("requires the audit trail at stack level", () => {
    const withoutTrail = secureAwsStack().filter((r) => r.type !== "aws:cloudtrail/trail:Trail");
    const { violations } = evaluatePlan(withoutTrail, context(), [], today);
    expect(violations).toEqual([expect.objectContaining({ rule: "audit-logging", urn: "urn:pulumi:test::stratum::pulumi:pulumi:Stack::stratum-test" })]);
  });
  it("writes the same selection into the policy pack config", () => {
    const config = packConfig(context({ environment: "dev", frameworks: ["soc2"], advisoryRules: ["required-tags"] }));
    expect(config["required-tags"]).toMatchObject({ enforcementLevel: "advisory", environment: "dev", requiredTags: ["owner", "cost-center"] });
    expect(config["data-residency"]?.["enforcementLevel"]).toBe("disabled");
    expect(config["no-public-data"]?.["enforcementLevel"]).toBe("mandatory");
  });
});

describe("waivers", () => {
  const publicDb = mutate(secureAwsStack(), "db", (i) => ({ ...i, publiclyAccessible: true }));
  const waiverYaml = (expires: string, urn = "urn:pulumi:test::stratum::aws:rds/instance:Instance::*") =>
    `waivers:\n  - id: no-public-database\n    urn: "${urn}"\n    reason: migration window\n    approver: cto@acme.example\n    expires: ${expires}\n`;

  it("a valid waiver keeps the violation, marked waived, and unblocks", () => {
    const waivers = parseWaivers(waiverYaml("2026-06-01"), "policy/waivers.yaml", ruleIds, today);
    const { violations, compliance } = evaluatePlan(publicDb, context(), waivers, today);
    expect(violations).toEqual([expect.objectContaining({ rule: "no-public-database", waived: true })]);
    expect(blockingViolations(violations)).toEqual([]);
    expect(compliance["soc2"]?.find((c) => c.control === "CC6.6")?.status).toBe("waived");
  });
  it("a waiver for another URN does not apply", () => {
    const waivers = parseWaivers(waiverYaml("2026-12-31", "urn:pulumi:test::stratum::*::other"), "w.yaml", ruleIds, today);
    expect(blockingRules(publicDb, context(), waivers)).toEqual(["no-public-database"]);
  });
  it("an expired waiver is itself a mandatory violation naming the file and entry, and waives nothing", () => {
    const waivers = parseWaivers(waiverYaml("2026-05-31"), "policy/waivers.yaml", ruleIds, today);
    const { violations } = evaluatePlan(publicDb, context(), waivers, today);
    expect(blockingViolations(violations).map((v) => v.rule).sort()).toEqual(["no-public-database", expiredWaiverRule].sort());
    expect(violations.find((v) => v.rule === expiredWaiverRule)?.message).toMatch(/^policy\/waivers\.yaml: waivers\[0\] \(no-public-database.*expired on 2026-05-31/);
  });
  it.each([
    ["missing approver", "waivers:\n  - id: no-public-database\n    urn: '*'\n    reason: r\n    expires: 2026-12-31\n", /waivers\.yaml: waivers\[0\]\.approver: missing \(required\)/],
    ["bad date", "waivers:\n  - id: no-public-database\n    urn: '*'\n    reason: r\n    approver: a\n    expires: 31/12/2026\n", /waivers\[0\]\.expires: expected a date YYYY-MM-DD/],
    ["no urn", "waivers:\n  - id: no-public-database\n    reason: r\n    approver: a\n    expires: 2026-12-31\n", /waivers\[0\] \(no-public-database\)\.urn: missing \(required: a policy waiver names the resources it covers/],
    ["unknown rule", "waivers:\n  - id: no-such-rule\n    urn: '*'\n    reason: r\n    approver: a\n    expires: 2026-12-31\n", /waivers\[0\] \(no-such-rule\): unknown rule id/],
    ["not a list", "waivers: yes\n", /expected a top-level "waivers:" list/],
    ["bad YAML", "waivers: [\n", /not valid YAML/],
  ])("a malformed file is bad input naming file and entry: %s", (_, text, message) => {
    expect(() => parseWaivers(text, "policy/waivers.yaml", ruleIds)).toThrow(message);
  });
  it("the committed waivers file parses", async () => {
    const { loadWaivers } = await import("../../policy/waivers.ts");
    expect(loadWaivers(new URL("../../policy/waivers.yaml", import.meta.url).pathname, ruleIds)).toEqual([]);
  });
});

describe("compliance report and Markdown", () => {
  it("lists each control with its rules and status", () => {
    const resources = [...secureAwsStack(), res("aws:s3/bucketAcl:BucketAcl", "acl", { acl: "public-read", tags })];
    const { violations, compliance } = evaluatePlan(resources, context(), [], today);
    const cc66 = compliance["soc2"]?.find((c) => c.control === "CC6.6");
    expect(cc66).toEqual({ control: "CC6.6", rules: expect.arrayContaining(["no-public-data"]), status: "violated" });
    expect(compliance["gdpr"]?.find((c) => c.control === "Art. 44")?.status).toBe("pass");
    const markdown = renderPolicyMarkdown(violations, compliance);
    expect(markdown).toContain("| no-public-data | mandatory | no |");
    expect(markdown).toContain("### ISO/IEC 27001:2022 Annex A");
    expect(markdown).toContain("| A.8.24 | pass |");
  });
});
