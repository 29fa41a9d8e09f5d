import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../commands/main.ts";
import { commands } from "../../commands/index.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { exampleStackConfig, projectWithStacks } from "../support/stack-files.ts";
import { nextStack } from "../../lib/plan/plan-pool.ts";

async function plan(argv: string[], env: Record<string, string>, cwd = repoRoot) {
  let stdout = "";
  let stderr = "";
  const code = await runCli(commands, ["plan", ...argv], { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env, cwd });
  return { code, stdout, stderr };
}

const outDir = () => mkdtempSync(join(tmpdir(), "stratum-plan-all-"));
const files = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), "utf8")]));
const stacks = ["dev-aws", "dev-azure", "dev-gcp", "prod-aws", "prod-azure", "prod-gcp"];

describe("stratum plan --all in worker processes", () => {
  const alone = { out: "", markdown: [] as string[], json: [] as unknown[] };
  let pooled: { out: string; markdown: string; json: string; stderr: string };

  beforeAll(async () => {
    // Each stack alone, one after another, in this process: what --all must reproduce byte for byte. What
    // `--format markdown` prints for one stack is the report it writes (commands/plan.ts), so one run per stack.
    alone.out = outDir();
    for (const stack of stacks) {
      const json = await plan(["--stack", stack, "--format", "json", "--out", alone.out], {});
      expect(json.code).toBe(0);
      alone.markdown.push(readFileSync(join(alone.out, `${stack}.md`), "utf8"));
      alone.json.push(JSON.parse(json.stdout));
    }
    const out = outDir();
    const markdown = await plan(["--all", "--format", "markdown", "--out", outDir()], { STRATUM_PLAN_JOBS: "2" });
    const json = await plan(["--all", "--format", "json", "--out", out], { STRATUM_PLAN_JOBS: "2" });
    expect([markdown.code, json.code]).toEqual([0, 0]);
    pooled = { out, markdown: markdown.stdout, json: json.stdout, stderr: json.stderr };
  }, 240_000);

  it("writes every report byte-identical to planning each stack alone", () => {
    expect(Object.keys(files(pooled.out))).toEqual(stacks.flatMap((s) => [`${s}.json`, `${s}.md`]));
    expect(files(pooled.out)).toEqual(files(alone.out));
  });

  it("prints the stacks in their order, each as planning it alone prints it", () => {
    expect(pooled.markdown).toBe(alone.markdown.join("\n"));
    expect(pooled.json).toBe(`${JSON.stringify(alone.json, null, 2)}\n`);
  });

  it("tells each stack's progress by its place in the order, whichever process finishes first", () => {
    const lines = pooled.stderr.trim().split("\n");
    expect(lines).toHaveLength(stacks.length);
    expect(lines.map((l) => /^\[(\d)\/6\] planning (\S+) \.\.\. \d+ resources \([\d.]+ s\)$/.exec(l)?.slice(1).join(" ")).sort()).toEqual(stacks.map((s, i) => `${i + 1} ${s}`));
  });
});

describe("stratum plan --all with bad input", () => {
  it("a bad stack among good ones: exit 2 naming its stack file and the key, nothing written, nothing planned", async () => {
    const broken = { ...exampleStackConfig("dev-gcp"), "stratum:region": "Mars 1" };
    const project = projectWithStacks({ "dev-aws": exampleStackConfig("dev-aws"), broken, "prod-gcp": exampleStackConfig("prod-gcp") });
    const out = join(project, "out");
    writeFileSync(join(project, "stacks", "Pulumi.unreadable.yaml"), "config: [unclosed\n");
    const result = await plan(["--all", "--out", out], { STRATUM_PLAN_JOBS: "2" }, project);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: stacks\/Pulumi\.unreadable\.yaml: not valid YAML: /m);
    expect(result.stderr).toMatch(/^error: stacks\/Pulumi\.broken\.yaml: stratum:region: got "Mars 1", expected a cloud region name/);
    expect(result.stderr).not.toMatch(/planning/);
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  // A stack can also fail while its program runs, in a worker, after others have been planned.
  for (const jobs of ["2", "1"]) {
    it(`a stack whose program fails: exit 2, and no report changes, not even the planned stacks' (STRATUM_PLAN_JOBS=${jobs})`, async () => {
      const project = projectWithStacks({ "dev-aws": exampleStackConfig("dev-aws"), "dev-gcp": exampleStackConfig("dev-gcp"), "prod-gcp": exampleStackConfig("prod-gcp") });
      renameSync(join(project, "index.ts"), join(project, "platform-program.ts"));
      writeFileSync(
        join(project, "index.ts"),
        `import * as pulumi from "@pulumi/pulumi";
import { UserInputError } from "./lib/cli/errors.ts";
import program from "./platform-program.ts";
export default async () => {
  if (pulumi.getStack() === "prod-gcp") throw new UserInputError("prod-gcp: refused by the test's program");
  return program();
};
`,
      );
      const out = join(project, "out");
      mkdirSync(out);
      writeFileSync(join(out, "dev-aws.json"), "an older report\n");
      const result = await plan(["--all", "--format", "json", "--out", out], { STRATUM_PLAN_JOBS: jobs }, project);
      expect(result).toMatchObject({ code: 2, stdout: "" });
      expect(result.stderr).toMatch(/^error: prod-gcp: refused by the test's program$/m);
      expect(files(out)).toEqual({ "dev-aws.json": "an older report\n" });
    }, 120_000);
  }

  it("a plan process that dies: the run fails naming the stack, and writes nothing", async () => {
    const project = projectWithStacks({ "dev-aws": exampleStackConfig("dev-aws"), "prod-gcp": exampleStackConfig("prod-gcp") });
    renameSync(join(project, "index.ts"), join(project, "platform-program.ts"));
    writeFileSync(
      join(project, "index.ts"),
      `import * as pulumi from "@pulumi/pulumi";
import program from "./platform-program.ts";
export default async () => (pulumi.getStack() === "prod-gcp" ? process.exit(3) : program());
`,
    );
    const out = join(project, "out");
    await expect(plan(["--all", "--out", out], { STRATUM_PLAN_JOBS: "2" }, project)).rejects.toThrow("planning prod-gcp: a plan process ended early (exit code 3)");
    expect(existsSync(out)).toBe(false);
  }, 120_000);

  it("refuses a STRATUM_PLAN_JOBS that is not a whole number of processes, before planning", async () => {
    const result = await plan(["--all", "--out", outDir()], { STRATUM_PLAN_JOBS: "two" });
    expect(result).toMatchObject({ code: 2, stderr: 'error: STRATUM_PLAN_JOBS: got "two", expected a whole number of processes from 1 to 999 (1 plans in this process)\n' });
  });
});

describe("which stack an idle plan worker takes next", () => {
  const none = new Set<string>();
  it("one of a cloud it has loaded, first in the stacks' order", () => {
    expect(nextStack(new Set(["gcp"]), new Set(["aws"]), ["aws", "azure", "gcp", "gcp"])).toBe(2);
  });

  it("else one of a cloud no other worker has", () => {
    expect(nextStack(new Set(["gcp"]), new Set(["aws"]), ["aws", "azure"])).toBe(1);
    expect(nextStack(none, new Set(["aws"]), ["aws", "azure"])).toBe(1);
  });

  it("another worker's cloud only when more than two of its stacks wait, or when it has loaded none yet", () => {
    expect(nextStack(new Set(["gcp"]), new Set(["azure"]), ["azure", "azure"])).toBeUndefined();
    expect(nextStack(new Set(["gcp"]), new Set(["azure"]), ["azure", "azure", "azure"])).toBe(0);
    expect(nextStack(none, new Set(["aws"]), ["aws"])).toBe(0);
  });

  it("nothing when nothing is ready", () => expect(nextStack(none, none, [])).toBeUndefined());
});
