import { describe, expect, it } from "vitest";
import { specFromConfig, SpecError } from "../../components/spec/index.ts";
import { cloudRegions } from "../../components/spec/regions.ts";
import { tagLimits } from "../../components/spec/tag-limits.ts";
import { specProblems } from "../support/spec-problems.ts";
import { asRuntimeConfig, exampleStackConfig, testAccounts } from "../support/stack-files.ts";

/**
 * Hostile and careless values for every kind of spec setting a library parses (CIDRs with ipaddr.js, schedules
 * with croner) or a cloud limits (tags, regions). Each must be one problem line naming the key, never a crash.
 */

const problemsOf = specProblems;

/** Test names stay short however long the hostile value is. */
const named = <T extends readonly [string, ...unknown[]]>(cases: readonly T[]) =>
  cases.map((c) => [c[0].length > 40 ? `${c[0].slice(0, 20)}… (${c[0].length} characters)` : c[0], ...c] as unknown as [string, ...T]);

const accepts = (config: Record<string, unknown>) => expect(() => specFromConfig(asRuntimeConfig(config), "test")).not.toThrow();

function withNetwork(cidr: string) {
  return { ...exampleStackConfig("dev-aws"), "stratum:infra": { network: { cidr } } };
}

function withPublicAccess(cidrs: unknown) {
  return { ...exampleStackConfig("dev-aws"), "stratum:infra": { cluster: { publicAccessCidrs: cidrs } } };
}

function withSchedule(schedule: string) {
  const config = exampleStackConfig("dev-aws");
  const data = config["stratum:data"] as { pipelines: Record<string, unknown>[] };
  data.pipelines[0] = { ...data.pipelines[0], schedule };
  return config;
}

function withTags(tags: Record<string, string>, cloud = "aws") {
  const config = { ...exampleStackConfig("dev-aws"), "stratum:tags": { owner: "platform-team", costCenter: "cc-1042", ...tags } };
  if (cloud === "aws") return config;
  const region = cloudRegions[cloud as "gcp" | "azure"][0]!;
  return { ...config, "stratum:cloud": cloud, "stratum:account": testAccounts[cloud as "gcp" | "azure"], "stratum:region": region, "stratum:allowedRegions": [region], "stratum:teams": teamsOn[cloud as "gcp" | "azure"] };
}

/** The example's teams with groups in each cloud's own form. */
const teamsOn = {
  gcp: [{ name: "platform", group: "platform-engineers@acme.example.com", access: "deployer" }],
  azure: [{ name: "platform", group: "11111111-2222-3333-4444-555555555555", access: "deployer" }],
};

describe("network CIDR (stratum:infra.network.cidr)", () => {
  it.each(named([
    ["10.0.0/16", /expected an IPv4 CIDR block/],
    ["10.0.0.0", /expected an IPv4 CIDR block/],
    ["10.0.0.0/33", /expected an IPv4 CIDR block/],
    ["256.0.0.0/16", /expected an IPv4 CIDR block/],
    ["010.0.0.0/16", /expected an IPv4 CIDR block/],
    ["0x0a.0.0.0/16", /expected an IPv4 CIDR block/],
    ["10.1/16", /expected an IPv4 CIDR block/],
    ["fd00::/8", /expected an IPv4 CIDR block/],
    [" 10.0.0.0/16", /expected an IPv4 CIDR block/],
    ["10.0.5.1/16", /host bits are set \(did you mean 10\.0\.0\.0\/16\?\)/],
    ["10.0.0.0/25", /expected a network of \/24 or larger/],
    ["10.0.0.0/28", /expected a network of \/24 or larger/],
    ["8.8.0.0/16", /expected a private network/],
    ["0.0.0.0/0", /expected a private network/],
    ["10.0.0.0/8", /expected \/16 or smaller on aws/],
    ["x".repeat(100_000), /at most 64 characters/],
  ] as const))("%s is one problem naming the key", (_, cidr, expected) => {
    const problems = problemsOf(withNetwork(cidr));
    expect(problems).toEqual([expect.stringMatching(/^stratum:infra\.network\.cidr: got /)]);
    expect(problems[0]).toMatch(expected);
    expect(problems[0]!.length).toBeLessThan(400);
  });

  it.each(["10.0.0.0/16", "172.16.0.0/16", "192.168.0.0/24", "10.20.0.0/20"])("%s is accepted", (cidr) => accepts(withNetwork(cidr)));
});

describe("public endpoint CIDRs (stratum:infra.cluster.publicAccessCidrs)", () => {
  it.each([
    [["0.0.0.0/0"], /^stratum:infra\.cluster\.publicAccessCidrs\[0\]: .*not the whole internet/],
    [["0.0.0.0/1", "128.0.0.0/1"], /^stratum:infra\.cluster\.publicAccessCidrs: .*together cover 100% of the IPv4 internet/],
    [["0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/2", "192.0.0.0/2"], /^stratum:infra\.cluster\.publicAccessCidrs: .*cover 100%/],
    [["0.0.0.0/1"], /^stratum:infra\.cluster\.publicAccessCidrs: .*cover 50%/],
    [["203.0.113.7/24"], /^stratum:infra\.cluster\.publicAccessCidrs\[0\]: .*host bits are set/],
    [["203.0.113.0/24", "nonsense"], /^stratum:infra\.cluster\.publicAccessCidrs\[1\]: got "nonsense", expected an IPv4 CIDR block/],
    [Array.from({ length: 41 }, (_, i) => `203.0.${i}.0/24`), /^stratum:infra\.cluster\.publicAccessCidrs: got 41 entries, expected at most 40/],
  ])("%j is one problem naming the key", (cidrs, expected) => {
    expect(problemsOf(withPublicAccess(cidrs))).toEqual([expect.stringMatching(expected)]);
  });

  it("accepts specific networks, overlapping or not", () => accepts(withPublicAccess(["203.0.113.0/24", "198.51.100.0/24", "198.51.100.0/25"])));
});

describe("pipeline schedule (stratum:data.pipelines[0].schedule)", () => {
  it.each(named([
    ["61 * * * *", /minute field "61" is out of range or reversed; expected 0-59/],
    ["0 24 * * *", /hour field "24" .*expected 0-23/],
    ["0 0 0 * *", /day-of-month field "0" .*expected 1-31/],
    ["0 0 32 * *", /day-of-month field "32" .*expected 1-31/],
    ["0 0 * 13 *", /month field "13" .*expected 1-12 or JAN-DEC/],
    ["0 0 * * 8", /day-of-week field "8" .*expected 0-7 or SUN-SAT/],
    ["5-3 * * * *", /minute field "5-3" is out of range or reversed/],
    ["*/0 * * * *", /minute field/],
    ["0 0 30 2 *", /never runs/],
    ["0 0 31 2,4,6,9,11 *", /never runs \(no month has that day\)/],
    ["0 0 30,31 FEB *", /never runs/],
    ["0 0 * *", /\(4 fields\), expected five fields/],
    ["0 0 * * * 2030", /\(6 fields\)/],
    ["@daily", /\(1 field\)/],
    ["0 0 L * *", /day-of-month field "L" is not Unix cron syntax/],
    ["0 0 * * MON#2", /day-of-week field "MON#2" is not Unix cron syntax/],
    ["0 0 ? * *", /is not Unix cron syntax/],
    ["0 0 * * FOO", /is not Unix cron syntax/],
    ["$(reboot) * * * *", /is not Unix cron syntax/],
    [`0 0 * * ${"1,".repeat(50_000)}1`, /characters\), expected five fields/],
  ] as const))("%s is one problem naming the key", (_, schedule, expected) => {
    const problems = problemsOf(withSchedule(schedule));
    expect(problems).toEqual([expect.stringMatching(/^stratum:data\.pipelines\[0\]\.schedule: got /)]);
    expect(problems[0]).toMatch(expected);
    expect(problems[0]!.length).toBeLessThan(400);
  });

  // Pipelines run as Kubernetes CronJobs on every cloud, which read both day fields as Unix cron does (either day).
  it.each(["0 2 * * *", "*/15 * * * *", "0 9 * * MON-FRI", "0 0 1 JAN,JUL *", "0 0 * * */2", "0 0 * * 7", "0 0 1 * 1", "0 0 1-15 * MON-FRI", "0 0 29 2 *", "0 0 30 2 MON", "0 0 31 2,3 *", "0 0 31 */2 *"])("%s is accepted", (schedule) => accepts(withSchedule(schedule)));
});

describe("tags against each cloud's limits (stratum:tags)", () => {
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`extra${i}`, "x"]));

  it.each([
    ["aws", many(60), /^stratum:tags: got 62 tags, expected at most 46: aws allows 50 per resource and the platform adds 4/],
    ["aws", many(45), /^stratum:tags: got 47 tags, expected at most 46/],
    ["aws", { team: "x".repeat(300) }, /^stratum:tags\.team: value is 300 characters, expected at most 256 on aws$/],
    ["aws", { team: "x".repeat(5_000_000) }, /^stratum:tags\.team: value is 5000000 characters, expected at most 256 on aws$/],
    ["aws", { "aws:createdBy": "me" }, /^stratum:tags\["aws:createdBy"\]: key "aws:createdBy" \(carried as "aws:created-by"\) starts with "aws:", which aws reserves/],
    ["aws", { ["k".repeat(129)]: "v" }, /key .* is 129 characters, expected at most 128 on aws/],
    ["aws", { team: "a<b>" }, /expected a aws tag value of letters, digits, spaces and/],
    ["aws", { environment: "prod" }, /^stratum:tags\.environment: key "environment" is set by the platform itself/],
    ["aws", { "cost-center": "cc-2" }, /key "cost-center" and "costCenter" are both carried as "cost-center"/],
    ["aws", { "bad key!": "v" }, /is not a valid aws tag key/],
    ["aws", { "team/name": "v" }, /is not a valid Kubernetes label name/],
    ["gcp", many(61), /^stratum:tags: got 63 tags, expected at most 60: gcp allows 64/],
    ["gcp", { team: "Platform Team" }, /^stratum:tags\.team: got "Platform Team", expected a gcp tag value of lowercase letters, digits, '_' and '-'$/],
    ["gcp", { team: "x".repeat(64) }, /value is 64 characters, expected at most 63 on gcp/],
    ["gcp", { "9lives": "x" }, /is not a valid gcp tag key, expected lowercase letters, digits, '_' and '-', starting with a letter/],
    ["azure", many(47), /^stratum:tags: got 49 tags, expected at most 46: azure allows 50/],
    ["azure", { "a%b": "x" }, /is not a valid azure tag key, expected any characters but < > % & \\ \? \//],
    ["azure", { team: "x".repeat(257) }, /value is 257 characters, expected at most 256 on azure/],
  ])("%s: %#", (cloud, tags, expected) => {
    const problems = problemsOf(withTags(tags, cloud)).filter((p) => !/not implemented/.test(p));
    expect(problems).toEqual([expect.stringMatching(expected)]);
    expect(problems[0]!.length).toBeLessThan(400);
  });

  it("accepts up to the limit, counting the platform's own tags", () => {
    accepts(withTags(many(44)));
    expect(tagLimits.aws.maxTags).toBe(50);
  });
});

describe("keys", () => {
  it.each([
    ["stratum:__proto__", { name: "evil" }, "stratum:__proto__"],
    ["stratum:constructor", "x", "stratum:constructor"],
    ["stratum:prototype", "x", "stratum:prototype"],
    ["stratum:foo", "x", "stratum:foo"],
    ["stratum:tags", Object.fromEntries([["owner", "a"], ["costCenter", "b"], ["__proto__", "x"]]), "stratum:tags.__proto__"],
    ["stratum:tags", JSON.parse('{"owner":"a","costCenter":"b","__proto__":{"polluted":"yes"}}'), "stratum:tags.__proto__"],
    ["stratum:web", { services: [{ name: "api", path: "a", port: 8080, constructor: 1 }] }, "stratum:web.services[0].constructor"],
  ])("%s with a hostile key is reported as an unknown key and never assigned", (key, value, shown) => {
    const config = { ...exampleStackConfig("dev-aws"), [key]: value };
    const problems = problemsOf(config);
    expect(problems).toContain(`${shown}: unknown key; check the spelling against the schema (stratum.schema.json)`);
    expect(problems.every((p) => !p.startsWith("stratum::"))).toBe(true);
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("prints a key with a newline quoted, on one line", () => {
    const problems = problemsOf({ ...exampleStackConfig("dev-aws"), "stratum:a\nerror: forged": "x" });
    expect(problems).toEqual(['stratum:["a\\nerror: forged"]: unknown key; check the spelling against the schema (stratum.schema.json)']);
  });

  it("refuses values nested deeper than any setting, without exhausting the stack", () => {
    const deep = `${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`;
    let problems: readonly string[] = [];
    try {
      specFromConfig({ ...asRuntimeConfig(exampleStackConfig("dev-aws")), "stratum:web": deep }, "test");
    } catch (error) {
      if (error instanceof SpecError) problems = error.problems;
      else throw error;
    }
    expect(problems).toContain(`stratum:web${".a".repeat(16)}: is nested deeper than any setting of the spec`);
  });
});

describe("region (stratum:region)", () => {
  it.each([
    ["aws", "us-east-9"],
    ["aws", "moon-1"],
    ["aws", "europe-west1"],
    ["aws", "cn-north-1"],
    ["gcp", "us-east-1"],
    ["azure", "eu-west-1"],
  ])("%s: %s is not one of the cloud's regions: exit 2 naming the key, not a residency violation", (cloud, region) => {
    const config = { ...exampleStackConfig("dev-aws"), "stratum:cloud": cloud, "stratum:account": testAccounts[cloud as keyof typeof testAccounts], "stratum:region": region, "stratum:allowedRegions": [region] };
    const problems = problemsOf(config).filter((p) => !/not implemented/.test(p));
    expect(problems).toContain(problems.find((p) => p.startsWith(`stratum:region: got "${region}", expected one of the `) && p.includes(`${cloud} regions`)));
    expect(problems.find((p) => p.startsWith("stratum:allowedRegions[0]: "))).toBeDefined();
  });
});

describe("bounded output: no one value makes a report or a message grow without bound", () => {
  it.each([
    ["stratum:github", { repository: `acme/${"p".repeat(1_000_000)}` }, "stratum:github.repository", 1_000_005],
  ])("%s with a megabyte string is one problem under the general cap", (key, value, shown, length) => {
    const problems = problemsOf({ ...exampleStackConfig("dev-aws"), [key]: value });
    expect(problems).toEqual([`${shown}: got a string of ${length} characters, expected at most 4096 (no setting of the spec takes more)`]);
  });

  it("stratum:images with a megabyte reference is one bounded problem: digests only, the value cut short", () => {
    const problems = problemsOf({ ...exampleStackConfig("dev-aws"), "stratum:images": { api: `${"r".repeat(1_000_000)}@sha256:${"a".repeat(64)}` } });
    expect(problems).toEqual([expect.stringMatching(/^stratum:images\.api: got "r{79}… \(1000074 characters\), expected an image digest sha256:<64 hex>/)]);
    expect(problems[0]!.length).toBeLessThan(400);
  });

  it("a megabyte string in a field with its own cap is named once, by the field's cap", () => {
    const config = exampleStackConfig("dev-aws");
    const web = config["stratum:web"] as { services: Record<string, unknown>[] };
    web.services[0] = { ...web.services[0], healthPath: `/${"h".repeat(1_000_000)}` };
    const problems = problemsOf(config);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^stratum:web\.services\[0\]\.healthPath: got "\/h+… \(1000003 characters\), expected at most 1024 characters$/);
  });

  it("ten thousand problems print as fifty lines and a count", () => {
    const config = exampleStackConfig("dev-aws");
    const web = config["stratum:web"] as { services: Record<string, unknown>[] };
    web.services[0] = { ...web.services[0], dataAccess: { lake: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`zone${i}`, "read"])) } };
    const problems = problemsOf(config);
    expect(problems).toHaveLength(51);
    expect(problems.at(-1)).toBe('…and 9950 more config problems in stack "test"');
  });
});
