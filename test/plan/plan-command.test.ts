import { mkdtempSync, readFileSync, readdirSync, existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { run } from "../../commands/plan.ts";
import { runCli } from "../../commands/main.ts";
import { commands } from "../../commands/index.ts";
import type { PlanReport, PlanResource } from "../../lib/plan/model.ts";
import { tagPropertyOf } from "../../components/tags/taggable.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { exampleStackConfig, projectWithStacks, testAccounts } from "../support/stack-files.ts";
import { inForce } from "../support/dates.ts";
import { examplePlan } from "../support/example-plans.ts";

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

async function plan(argv: string[], cwd = repoRoot): Promise<Captured> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(commands, ["plan", ...argv], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd });
  return { code, stdout, stderr };
}

const outDir = () => mkdtempSync(join(tmpdir(), "stratum-plan-"));
const readReport = (dir: string, stack: string) => JSON.parse(readFileSync(join(dir, `${stack}.json`), "utf8")) as PlanReport;

describe("stratum plan --stack dev-aws --format json", () => {
  let first: string;
  let report: PlanReport;

  beforeAll(async () => {
    first = outDir();
    const result = await plan(["--stack", "dev-aws", "--format", "json", "--out", first]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    report = readReport(first, "dev-aws");
    expect(JSON.parse(result.stdout)).toEqual(report);
  });

  it("writes the stack's resources with urn, type, name, parent and inputs", () => {
    expect(report).toMatchObject({ formatVersion: 1, stack: "dev-aws", cloud: "aws", environment: "dev", region: "us-east-1", offline: true });
    for (const resource of report.resources) expect(Object.keys(resource).filter((k) => k !== "dependencies" && k !== "secretFingerprints").sort()).toEqual(["inputs", "name", "parent", "type", "urn"]);
    // Secret inputs carry a fingerprint by path, never their value; other resources carry none.
    for (const resource of report.resources) {
      for (const [path, print] of Object.entries(resource.secretFingerprints ?? {})) {
        expect(print, `${resource.urn} ${path}`).toMatch(/^[0-9a-f]{16}$/);
        expect(JSON.stringify(resource.inputs)).toContain('"[secret]"');
      }
    }
    expect(report.resources.find((r) => r.type === "pulumi:providers:kubernetes")?.secretFingerprints).toEqual({ kubeconfig: expect.stringMatching(/^[0-9a-f]{16}$/) });
    const types = new Set(report.resources.map((r) => r.type));
    for (const type of ["aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:eks/cluster:Cluster", "aws:ecr/repository:Repository"]) expect(types).toContain(type);
  });

  it("prints the report the tests share as the example stack's plan (test/support/example-plans.ts), byte for byte", async () => {
    expect(`${JSON.stringify(await examplePlan("dev-aws"), null, 2)}\n`).toBe(readFileSync(join(first, "dev-aws.json"), "utf8"));
  });

  it("is byte-identical across two runs", async () => {
    const second = outDir();
    expect((await plan(["--stack", "dev-aws", "--format", "json", "--out", second])).code).toBe(0);
    for (const file of ["dev-aws.json", "dev-aws.md"]) expect(readFileSync(join(second, file), "utf8")).toBe(readFileSync(join(first, file), "utf8"));
  });

  it("parents every resource under the Platform", () => {
    const byUrn = new Map(report.resources.map((r) => [r.urn, r]));
    const platform = report.resources.find((r) => r.type === "stratum:index:Platform");
    expect(platform).toBeDefined();
    for (const resource of report.resources) {
      if (resource.type === "pulumi:pulumi:Stack" || resource === platform) continue;
      const chain: string[] = [];
      for (let current: PlanResource | undefined = resource; current?.parent; current = byUrn.get(current.parent)) chain.push(current.parent);
      expect(chain, resource.urn).toContain(platform!.urn);
    }
  });

  it("tags every taggable resource with owner, cost center, environment, classification and manager", () => {
    const taggable = report.resources.filter((r) => tagPropertyOf(r.type) === "tags");
    expect(taggable.length).toBeGreaterThan(20);
    for (const resource of taggable) {
      expect(resource.inputs["tags"], resource.urn).toMatchObject({
        owner: "platform-team",
        "cost-center": "cc-1042",
        environment: "dev",
        "data-classification": "confidential",
        "managed-by": "stratum",
      });
    }
  });

  it("never writes a secret output in plain text", () => {
    expect(report.outputs["kubeconfig"]).toBe("[secret]");
    expect(report.outputs["databaseAdminSecret"]).toBe("[secret]");
  });

  it("exports what the stack has and leaves out what it has not (no managed model in dev)", () => {
    expect(report.outputs).toMatchObject({ cloud: "aws", environment: "dev", images: {} });
    expect(report.outputs).not.toHaveProperty("modelEndpoints");
  });

  it("reports the workloads that have no image digest yet, as warnings", () => {
    expect(report.warnings.filter((w) => /no image digest in stack config/.test(w)).map((w) => w.split(":")[0])).toEqual(["api", "etl", "orders", "recommender"]);
  });

  it("writes a Markdown report with the summary and a Mermaid diagram of the five tiers", () => {
    const markdown = readFileSync(join(first, "dev-aws.md"), "utf8");
    expect(markdown).toContain("```mermaid");
    for (const tier of ["governance", "infra", "data", "ml", "web"]) expect(markdown).toMatch(new RegExp(`subgraph ${tier}\\[`));
    expect(markdown).toMatch(/\| Infra \| [1-9]\d* \|/);
  });
});

describe("stratum plan with images set by the deploy pipeline", () => {
  it("uses them and exports them as the stack's images output, with no placeholder warning", async () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const config = exampleStackConfig("dev-aws");
    config["stratum:images"] = { api: digest, orders: digest, recommender: digest, etl: digest };
    const project = projectWithStacks({ "dev-aws": config });
    const out = join(project, "out");
    const result = await plan(["--stack", "dev-aws", "--out", out], project);
    expect(result.stderr).toBe(`reports written to ${out}\n`);
    expect(result.code).toBe(0);
    const report = readReport(out, "dev-aws");
    expect(report.outputs["images"]).toEqual({ api: digest, orders: digest, recommender: digest, etl: digest });
    expect(report.warnings).toEqual([]);
    const apiDeployment = report.resources.find((r) => r.type === "kubernetes:apps/v1:Deployment" && r.name.includes("api"));
    expect(JSON.stringify(apiDeployment?.inputs)).toContain(`${(report.outputs["registryUrls"] as Record<string, string>)["api"]}@${digest}`);
  });

  it("refuses a full image reference with exit 2, naming the key, and writes nothing", async () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const config = exampleStackConfig("dev-aws");
    config["stratum:images"] = { api: `ghcr.io/acme/platform/api@${digest}` };
    const project = projectWithStacks({ "dev-aws": config });
    const out = join(project, "out");
    const result = await plan(["--stack", "dev-aws", "--out", out], project);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/stratum:images\.api: got "ghcr\.io\/acme\/platform\/api@sha256:(ab)+a?… \(99 characters\), expected an image digest sha256:<64 hex>, not a full reference or a tag: the platform pulls only from the stack's own registry/);
    expect(existsSync(out)).toBe(false);
  });
});

describe("stratum plan with policies", () => {
  // A stack kept in us-west-2 still has CloudFront's certificate, web ACL and log delivery in us-east-1.
  const westOnly = () => ({ ...exampleStackConfig("dev-aws"), "stratum:region": "us-west-2", "stratum:allowedRegions": ["us-west-2"] });

  it("exits 1 on a mandatory violation, naming the rule and the resource, and still writes the reports", async () => {
    const project = projectWithStacks({ "dev-aws": westOnly() });
    const out = join(project, "out");
    const result = await plan(["--stack", "dev-aws", "--out", out], project);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^policy violation: dev-aws: data-residency: urn:pulumi:dev-aws::stratum::.*stratum:web:Frontend\$aws:acm\/certificate:Certificate::.*: region "us-east-1" is outside the allowed regions \(us-west-2\)$/m);
    const report = readReport(out, "dev-aws");
    expect(report.violations?.every((v) => v.rule === "data-residency" && !v.waived && v.enforcement === "mandatory")).toBe(true);
    expect(report.compliance?.["gdpr"]?.find((c) => c.rules.includes("data-residency"))?.status).toBe("violated");
    expect(readFileSync(join(out, "dev-aws.md"), "utf8")).toMatch(/\| data-residency \| mandatory \| no \|/);
  });

  it("reports a waived violation as waived and exits 0", async () => {
    const project = projectWithStacks({ "dev-aws": westOnly() });
    const waivers = join(project, "waivers.yaml");
    writeFileSync(waivers, `waivers:\n  - id: data-residency\n    urn: '*stratum:web:Frontend$*'\n    reason: CloudFront's edge configuration lives in us-east-1; no customer data is stored there\n    approver: dpo@acme.example\n    expires: ${inForce}\n`);
    const out = join(project, "out");
    const result = await plan(["--stack", "dev-aws", "--out", out, "--waivers", waivers], project);
    expect(result.code).toBe(0);
    const report = readReport(out, "dev-aws");
    expect(report.violations?.length).toBeGreaterThan(0);
    expect(report.violations?.every((v) => v.waived)).toBe(true);
    expect(result.stdout).toMatch(/policy: (\d+) violations \(0 blocking, 0 advisory, \1 waived\)/);
  });
});

describe("stratum plan with bad input", () => {
  it("reports a config with three mistakes as three messages, exit 2, and writes nothing", async () => {
    const config = exampleStackConfig("dev-aws");
    config["stratum:environment"] = "production";
    config["stratum:region"] = "Mars 1";
    config["stratum:data"] = { database: { size: "huge" } };
    const project = projectWithStacks({ broken: config });
    const out = join(project, "out");
    const result = await plan(["--stack", "broken", "--out", out], project);
    expect(result.code).toBe(2);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.map((l) => l.split(":").slice(1, 3).join(":").trim()).sort()).toEqual(["stratum:data.database.size", "stratum:environment", "stratum:region"]);
    expect(existsSync(out)).toBe(false);
  });

  it("reports hostile values as one line each, exit 2, and writes nothing: no crash, no stack trace, no huge report", async () => {
    const config = exampleStackConfig("dev-aws");
    config["stratum:tags"] = { owner: "platform-team", costCenter: "cc-1042", note: "x".repeat(5_000_000) };
    config["stratum:infra"] = { network: { cidr: "10.0.0.0/25" }, cluster: { publicAccessCidrs: ["0.0.0.0/1", "128.0.0.0/1"] } };
    const data = config["stratum:data"] as { pipelines: Record<string, unknown>[] };
    data.pipelines[0] = { ...data.pipelines[0], schedule: "61 * * * *" };
    config["stratum:region"] = "us-east-9";
    config["stratum:__proto__"] = { name: "evil" };
    const project = projectWithStacks({ hostile: config });
    const out = join(project, "out");
    const result = await plan(["--stack", "hostile", "--out", out], project);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr.length).toBeLessThan(4000);
    const keys = result.stderr.trim().split("\n").map((l) => /^error: (stratum:\S+?):/.exec(l)?.[1]);
    expect(keys.sort()).toEqual([
      "stratum:__proto__",
      "stratum:data.pipelines[0].schedule",
      "stratum:infra.cluster.publicAccessCidrs",
      "stratum:infra.network.cidr",
      "stratum:region",
      "stratum:tags.note",
    ].sort());
    expect(existsSync(out)).toBe(false);
  });

  it("refuses an output folder it cannot write to before planning anything", async () => {
    const file = join(outDir(), "a-file");
    writeFileSync(file, "");
    const result = await plan(["--stack", "dev-aws", "--out", join(file, "reports")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: --out .*a-file\/reports: cannot write reports there \(.*a-file is not a folder\)\n$/);
  });

  it("refuses an unknown stack, naming the stacks there are", async () => {
    const result = await plan(["--stack", "qa-aws"]);
    // Every example stack, in order, whichever clouds stacks/ holds.
    const stacks = readdirSync(join(repoRoot, "stacks")).flatMap((f) => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []).sort();
    expect(stacks).toEqual(expect.arrayContaining(["dev-aws", "prod-aws", "dev-azure", "prod-azure", "dev-gcp", "prod-gcp"]));
    expect(result).toMatchObject({ code: 2, stderr: `error: --stack: unknown stack "qa-aws"; stacks/ has ${stacks.join(", ")}\n` });
  });

  it("refuses unknown flags and bad formats", async () => {
    expect((await plan(["--stak", "dev-aws"])).code).toBe(2);
    expect(await plan(["--format", "yaml"])).toMatchObject({ code: 2, stderr: 'error: --format: got "yaml", expected one of table, markdown, json\n' });
    expect((await plan(["--stack", "dev-aws", "--all"])).code).toBe(2);
  });
});

describe("stratum plan --all", () => {
  it("plans every stack, with progress, and a table summary per stack", async () => {
    const out = outDir();
    const result = await plan(["--all", "--out", out]);
    expect(result.code).toBe(0);
    // Every example stack, in name order, each with its own progress line, report and summary.
    const stacks = ["dev-aws", "dev-azure", "dev-gcp", "prod-aws", "prod-azure", "prod-gcp"];
    stacks.forEach((stack, i) => expect(result.stderr).toMatch(new RegExp(`^\\[${i + 1}/${stacks.length}\\] planning ${stack} \\.\\.\\. \\d+ resources \\([\\d.]+ s\\)$`, "m")));
    expect(readdirSync(out).sort()).toEqual(stacks.flatMap((s) => [`${s}.json`, `${s}.md`]));
    expect(result.stdout).toMatch(/^dev-aws: \d+ resources on aws \(dev, us-east-1\)/m);
    expect(result.stdout).toMatch(/^prod-aws: \d+ resources on aws \(prod, us-east-1\)/m);
    expect(result.stdout).toMatch(/^dev-gcp: \d+ resources on gcp \(dev, us-central1\)/m);
    expect(result.stdout).toMatch(/^prod-gcp: \d+ resources on gcp \(prod, us-central1\)/m);
    expect(result.stdout).toMatch(/^dev-azure: \d+ resources on azure \(dev, eastus2\)/m);
    expect(result.stdout).toMatch(/^prod-azure: \d+ resources on azure \(prod, eastus2\)/m);
    expect(result.stdout).toMatch(/^ {2}governance +\d+$/m);
  });

  it("answers --help with the usage and exit 0", async () => {
    let stdout = "";
    const code = await run(["--help"], { stdout: (t) => void (stdout += t), stderr: () => {}, env: {}, cwd: repoRoot });
    expect(code).toBe(0);
    expect(stdout).toContain("usage: stratum plan [--stack NAME | --all]");
  });
});
