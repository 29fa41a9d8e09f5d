import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../commands/main.ts";
import type { CommandIo } from "../../lib/cli/command.ts";
import { readResources } from "../../policy/read-resources.ts";
import { sharedFixture } from "../support/shared-dir.ts";
import { mutate, secureAwsStack } from "./fixtures.ts";
import { inForce } from "../support/dates.ts";

const policyCommand = [{ name: "policy", summary: "", load: () => import("../../commands/policy.ts") }];

const stackYaml = `config:
  stratum:name: shop
  stratum:cloud: aws
  stratum:region: eu-west-1
  stratum:environment: prod
  stratum:account:
    aws: {accountId: "111122223333"}
  stratum:tags:
    owner: platform
    costCenter: cc-1
  stratum:compliance:
    frameworks: [soc2, gdpr]
    dataClassification: confidential
  stratum:github:
    repository: acme/shop
`;

let root = "";
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "stratum-policy-"));
  mkdirSync(join(root, "stacks"));
  writeFileSync(join(root, "stacks", "Pulumi.prod-aws.yaml"), stackYaml);
  writeFileSync(join(root, "clean.json"), JSON.stringify({ stack: "prod-aws", resources: secureAwsStack() }));
  writeFileSync(join(root, "public.json"), JSON.stringify({ resources: mutate(secureAwsStack(), "db", (i) => ({ ...i, publiclyAccessible: true })) }));
  writeFileSync(join(root, "broken.json"), "{ not json");
  writeFileSync(join(root, "other.json"), JSON.stringify({ hello: 1 }));
});

async function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CommandIo = { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), env: {}, cwd: root };
  const code = await runCli(policyCommand, ["policy", ...argv], io);
  return { code, stdout, stderr };
}

describe("stratum policy check", () => {
  it("exits 0 on a clean plan", async () => {
    const { code, stdout } = await cli("check", "clean.json", "--stack", "prod-aws");
    expect(code).toBe(0);
    expect(stdout).toContain("0 blocking");
  });

  it("exits 1 naming the rule on a mandatory violation", async () => {
    const { code, stdout } = await cli("check", "public.json", "--stack", "prod-aws");
    expect(code).toBe(1);
    expect(stdout).toMatch(/mandatory {2}no-public-database {2}urn:pulumi:test::stratum::aws:rds\/instance:Instance::db/);
  });

  it("prints violations and compliance as JSON and Markdown", async () => {
    const json = JSON.parse((await cli("check", "public.json", "--stack", "prod-aws", "--format", "json")).stdout);
    expect(json.violations[0]).toMatchObject({ rule: "no-public-database", enforcement: "mandatory", waived: false });
    expect(Object.keys(json.compliance)).toEqual(["soc2", "gdpr"]);
    expect((await cli("check", "public.json", "--stack", "prod-aws", "--format", "markdown")).stdout).toContain("## Policy");
  });

  it("honours a waivers file and reports an expired one (exit 1)", async () => {
    writeFileSync(join(root, "waivers.yaml"), `waivers:\n  - id: no-public-database\n    urn: '*::db'\n    reason: r\n    approver: a\n    expires: ${inForce}\n`);
    expect((await cli("check", "public.json", "--stack", "prod-aws", "--waivers", "waivers.yaml")).code).toBe(0);
    writeFileSync(join(root, "expired.yaml"), "waivers:\n  - id: no-public-database\n    urn: '*::db'\n    reason: r\n    approver: a\n    expires: 2001-01-01\n");
    const expired = await cli("check", "clean.json", "--stack", "prod-aws", "--waivers", "expired.yaml");
    expect(expired.code).toBe(1);
    expect(expired.stdout).toContain("waiver-expired");
  });

  it.each([
    [["check", "broken.json", "--stack", "prod-aws"], /broken\.json: not JSON \(.*\); expected the offline plan's JSON/],
    [["check", "missing.json", "--stack", "prod-aws"], /policy check missing\.json: cannot read \(no such file\)/],
    [["check", "other.json", "--stack", "prod-aws"], /other\.json: expected the offline plan's JSON/],
    [["check", "clean.json", "--stack", "nope"], /unknown stack "nope"; stacks\/ has prod-aws/],
    [["check", "clean.json"], /--stack NAME is required/],
    [["check", "clean.json", "--stack", "prod-aws", "--waivers", "none.yaml"], /--waivers \S*none\.yaml: cannot read \(no such file\)/],
  ])("exits 2 on bad input: %j", async (argv, message) => {
    const { code, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it("reads pulumi preview --json output, skipping deleted resources", async () => {
    const fixture = sharedFixture("pulumi-preview", "drift-adopter__aws_tags_and_sets.json");
    const { code, stdout } = await cli("check", fixture, "--stack", "prod-aws", "--format", "json");
    const rules = JSON.parse(stdout).violations.map((v: { rule: string }) => v.rule);
    // A real AWS preview: the bucket has no public-access block and its tags use other keys; the provider region is us-west-2.
    expect(code).toBe(1);
    expect(rules).toEqual(expect.arrayContaining(["no-public-data", "required-tags", "audit-logging"]));
  });

  it("reads a real preview's resources as they will be after it: every step with a new state, the deleted one left out", () => {
    const resources = readResources(root, sharedFixture("pulumi-preview", "drift-adopter__small_scale_10_replace.json"));
    const stack = "urn:pulumi:test-a692d456::small-scale-10::";
    expect(resources.map((r) => [r.urn.slice(stack.length), r.name])).toEqual([
      ["pulumi:pulumi:Stack::small-scale-10-test-a692d456", "small-scale-10-test-a692d456"],
      ["command:local:Command::cmd-3", "cmd-3"],
      ["random:index/randomString:RandomString::random-str-0", "random-str-0"],
      ["command:local:Command::cmd-0", "cmd-0"],
      ["tls:index/privateKey:PrivateKey::tls-key-0", "tls-key-0"],
    ]);
  });

  it("skips delete steps even when they carry a state, and keeps a logical name that contains ::", () => {
    const urn = (name: string) => `urn:pulumi:prod-aws::stratum::aws:s3/bucket:Bucket::${name}`;
    const steps = [
      { op: "delete", urn: urn("gone"), newState: { type: "aws:s3/bucket:Bucket", inputs: {} } },
      { op: "delete-replaced", urn: urn("old"), newState: { type: "aws:s3/bucket:Bucket", inputs: {} } },
      { op: "create", urn: urn("logs::audit"), newState: { type: "aws:s3/bucket:Bucket", inputs: { bucket: "b" } } },
    ];
    writeFileSync(join(root, "deletes.json"), JSON.stringify({ steps }));
    expect(readResources(root, "deletes.json")).toEqual([{ urn: urn("logs::audit"), type: "aws:s3/bucket:Bucket", name: "logs::audit", parent: null, inputs: { bucket: "b" } }]);
  });
});

describe("stratum policy config", () => {
  it("prints the policy pack config for the stack", async () => {
    const { code, stdout } = await cli("config", "--stack", "prod-aws");
    expect(code).toBe(0);
    const config = JSON.parse(stdout);
    expect(config["no-public-data"]).toMatchObject({ enforcementLevel: "mandatory", environment: "prod", cloud: "aws", allowedRegions: ["eu-west-1"], frameworks: ["soc2", "gdpr"], requiredTags: ["owner", "cost-center"] });
    expect(config["waiver-expired"]).toMatchObject({ enforcementLevel: "mandatory" });
  });

  it("names the waivers file the CLI applies, as an absolute path, for the pack to read the same one", async () => {
    writeFileSync(join(root, "mine.yaml"), `waivers:\n  - id: no-public-database\n    urn: '*::db'\n    reason: r\n    approver: a\n    expires: ${inForce}\n`);
    const config = JSON.parse((await cli("config", "--stack", "prod-aws", "--waivers", "mine.yaml")).stdout);
    for (const entry of Object.values(config)) expect(entry).toMatchObject({ waivers: join(root, "mine.yaml") });
    // Without --waivers: policy/waivers.yaml when the repository has one, else no key (the pack then waives nothing).
    expect(JSON.parse((await cli("config", "--stack", "prod-aws")).stdout)["no-public-data"].waivers).toBeUndefined();
    mkdirSync(join(root, "policy"), { recursive: true });
    writeFileSync(join(root, "policy/waivers.yaml"), "waivers: []\n");
    expect(JSON.parse((await cli("config", "--stack", "prod-aws")).stdout)["no-public-data"].waivers).toBe(join(root, "policy/waivers.yaml"));
    rmSync(join(root, "policy"), { recursive: true });
  });

  it("exits 2 naming both entries when the waivers file waives one finding twice, as policy check does", async () => {
    const entry = (expires: string) => `  - id: no-public-database\n    urn: '*::db'\n    reason: r\n    approver: a\n    expires: ${expires}\n`;
    writeFileSync(join(root, "twice.yaml"), `waivers:\n${entry(inForce)}${entry("2001-01-01")}`);
    for (const argv of [["config", "--stack", "prod-aws", "--waivers", "twice.yaml"], ["check", "public.json", "--stack", "prod-aws", "--waivers", "twice.yaml"]]) {
      const { code, stdout, stderr } = await cli(...argv);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toContain("twice.yaml: waivers[0] and waivers[1]: duplicate waiver for id no-public-database (urn *::db)");
    }
  });

  it("exits 2 on a waiver expiring beyond the cap", async () => {
    writeFileSync(join(root, "far.yaml"), "waivers:\n  - id: no-public-database\n    urn: '*::db'\n    reason: r\n    approver: a\n    expires: 2999-01-01\n");
    const { code, stderr } = await cli("check", "public.json", "--stack", "prod-aws", "--waivers", "far.yaml");
    expect(code).toBe(2);
    expect(stderr).toMatch(/far\.yaml: waivers\[0\]\.expires: 2999-01-01 is more than 365 days after today/);
  });

  it("leaves the scan gate's vulnerability waivers in the shared file to stratum scan", async () => {
    writeFileSync(join(root, "shared.yaml"), `waivers:\n  - id: CVE-2019-18224\n    package: libidn2-0\n    reason: r\n    approver: a\n    expires: ${inForce}\n  - id: no-public-database\n    urn: '*::db'\n    reason: r\n    approver: a\n    expires: ${inForce}\n`);
    expect((await cli("check", "public.json", "--stack", "prod-aws", "--waivers", "shared.yaml")).code).toBe(0);
    // A rule id without urn is still refused: it would waive nothing while looking as if it did.
    writeFileSync(join(root, "nourn.yaml"), `waivers:\n  - id: no-public-database\n    reason: r\n    approver: a\n    expires: ${inForce}\n`);
    expect((await cli("check", "public.json", "--stack", "prod-aws", "--waivers", "nourn.yaml")).code).toBe(2);
  });
});

describe("stratum policy check on a file with nothing to evaluate", () => {
  const urn = "urn:pulumi:prod-aws::stratum::aws:s3/bucket:Bucket::logs";
  const cases: ReadonlyArray<[string, unknown, RegExp]> = [
    ["an offline plan with no resources", { stack: "prod-aws", resources: [] }, /"resources" is empty; a stack's plan always has resources/],
    ["a preview with no steps", { steps: [] }, /"steps" is empty; a preview of a stack has a step for every resource/],
    ["a preview whose steps all delete", { steps: [{ op: "delete", urn }, { op: "discard", urn }] }, /every one of the 2 steps deletes its resource, so nothing is left to check/],
    ["a preview step without newState", { steps: [{ op: "create", urn }] }, /steps\[0\] \(create urn:pulumi:prod-aws::stratum::aws:s3\/bucket:Bucket::logs\): "newState" is missing/],
    ["a preview step whose newState is null", { steps: [{ op: "same", urn, newState: null }] }, /"newState" is null/],
    ["a preview step whose newState is a string", { steps: [{ op: "update", urn, newState: "{}" }] }, /"newState" is a string/],
    ["a preview step that is not an object", { steps: [42] }, /steps\[0\]: is a number, expected a preview step/],
    ["resources that are not a list", { resources: { urn } }, /"resources" is an object, expected a list of resources/],
    ["steps that are not a list", { steps: "none" }, /"steps" is a string, expected a list of preview steps/],
    ["a resource that is null", { resources: [null] }, /resources\[0\]: is null, expected a resource object/],
    ["a JSON list", [], /the JSON is a list; expected the offline plan's JSON/],
    ["JSON null", null, /the JSON is null; expected/],
    ["a JSON number", 7, /the JSON is a number; expected/],
  ];

  it.each(cases)("%s is exit 2 naming the file's problem, not a missing CloudTrail trail", async (_, document, problem) => {
    const file = join(root, "nothing.json");
    writeFileSync(file, JSON.stringify(document));
    for (const format of ["text", "json"]) {
      const { code, stdout, stderr } = await cli("check", file, "--stack", "prod-aws", "--format", format);
      expect(code).toBe(2);
      expect(stderr).toContain(file);
      expect(stderr).toMatch(problem);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe("");
      expect(`${stdout}${stderr}`).not.toMatch(/CloudTrail/);
    }
  });
});
