import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planDiffMarker, run as comment } from "../../commands/comment.ts";
import { comparePlans } from "../../lib/plan/diff/compare-plans.ts";
import { diffFormatVersion, diffKind, type PlanDiff } from "../../lib/plan/diff/diff-model.ts";
import { diffLimits } from "../../lib/plan/diff/validate-diff.ts";
import { changesFromDiff } from "../../lib/github/preview/from-plan-diff.ts";
import { riskReasons } from "../../lib/github/preview/risk.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { fakeIo, useFakeGithub, viaCli } from "./support.ts";

/*
 * `stratum comment --workflow-run DIR`, the workflow_run job's step: it posts the plan diff a pull request's
 * workflow uploaded, and refuses (exit 2, nothing posted) an artifact whose pull request, size or shape is wrong.
 */
const headSha = "a".repeat(40);
const fork = "someone/platform";
const github = useFakeGithub((fake) => {
  fake.state.pulls.set(7, { state: "open", merged: false, head: { sha: headSha, repo: fork } });
  fake.state.pulls.set(8, { state: "open", merged: false, head: { sha: "b".repeat(40), repo: fork } });
  fake.state.pulls.set(9, { state: "closed", merged: false, head: { sha: headSha, repo: fork } });
});
const stratum = viaCli("comment", comment);

const plan = (replicas: number, extra: PlanReport["resources"] = []): PlanReport => ({
  stack: "dev-aws",
  cloud: "aws",
  environment: "dev",
  region: "us-east-1",
  offline: true,
  formatVersion: 1,
  outputs: {},
  warnings: [],
  violations: [],
  compliance: {},
  resources: [
    { urn: "urn:pulumi:dev-aws::stratum::kubernetes:apps/v1:Deployment::api", type: "kubernetes:apps/v1:Deployment", name: "api", parent: null, inputs: { spec: { replicas } } },
    ...extra,
  ],
});
function role(name: string, maxSessionDuration: number): PlanReport["resources"][number] {
  return { urn: `urn:pulumi:dev-aws::stratum::aws:iam/role:Role::${name}`, type: "aws:iam/role:Role", name, parent: null, inputs: { maxSessionDuration } };
}
const validDiff: PlanDiff = {
  kind: diffKind,
  formatVersion: diffFormatVersion,
  old: "base",
  new: "head",
  matchBy: "urn",
  stacks: [
    comparePlans(
      { ...plan(1, [role("ci", 3600)]), configSecretFingerprints: { "acme:token": "1111111111111111" } },
      { ...plan(2, [role("ci", 7200), role("deploy", 3600)]), configSecretFingerprints: { "acme:token": "2222222222222222" } },
      "urn",
    ),
  ],
};

function artifact(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "stratum-artifact-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
function event(run: Record<string, unknown>): string {
  const file = join(mkdtempSync(join(tmpdir(), "stratum-event-")), "event.json");
  writeFileSync(file, JSON.stringify({ action: "completed", workflow_run: { id: 4242, event: "pull_request", head_sha: headSha, head_repository: { full_name: fork }, ...run } }));
  return file;
}
async function post(dir: string, eventFile = event({}), extra: string[] = []) {
  const io = fakeIo(github(), dir, { GITHUB_EVENT_PATH: eventFile });
  const code = await stratum(["--workflow-run", dir, ...extra], io);
  return { code, err: io.err(), out: io.out() };
}
const good = { "diff.json": JSON.stringify(validDiff), "pr-number": "7\n" };
const posted = () => github().state.comments.filter((c) => c.body.includes(planDiffMarker));

describe("stratum comment --workflow-run DIR", () => {
  it("posts the diff on the pull request the triggering run belongs to, risk first, with the picture", async () => {
    const r = await post(artifact(good));
    expect(r.code, r.err).toBe(0);
    const [body] = posted().map((c) => c.body);
    expect(posted().map((c) => c.issue)).toEqual([7]);
    expect(body).toContain("## stratum plan diff");
    expect(body!.indexOf("Risky changes first")).toBeLessThan(body!.indexOf("What changes"));
    expect(body).toMatch(/\| dev-aws \| create \| `deploy` \| `aws:iam\/role:Role` \| IAM \|/);
    // The AWS table does not list max_session_duration and is not complete: the comment says the change's effect
    // is unknown rather than implying an update.
    expect(body).toMatch(/\| update \| `ci` \| `aws:iam\/role:Role` \| maxSessionDuration \(replace unknown\) \|/);
    expect(body).toContain("```mermaid");
    expect(body).toContain("### Secret config values changed\n\n| Stack | Key | Change |\n| --- | --- | --- |\n| dev-aws | `acme:token` | changed ([secret]) |");
    // The Kubernetes table says a replica count updates in place; an AWS role's change would say unknown.
    expect(body).toMatch(/\| update \| `api` \| `kubernetes:apps\/v1:Deployment` \| spec\.replicas \|/);
    // A re-run edits the same comment.
    expect((await post(artifact(good))).code).toBe(0);
    expect(posted()).toHaveLength(1);
  });

  it.each([
    ["a pull request whose head is another commit", { "pr-number": "8" }, {}, /claims pull request #8, but its head is b{40}, the run's is a{40}/],
    ["a closed pull request", { "pr-number": "9" }, {}, /claims pull request #9, but it is closed/],
    ["a run from another repository's head", {}, { head_repository: { full_name: "other/platform" } }, /its head is in someone\/platform, the run's in other\/platform/],
    ["a run of another commit", {}, { head_sha: "c".repeat(40) }, /its head is a{40}, the run's is c{40}/],
    ["a pull request number that is not a number", { "pr-number": "7; rm -rf /" }, {}, /pr-number: got "7; rm -rf \/", expected a pull request number/],
    ["a run that was not a pull request's", {}, { event: "push" }, /expected a workflow_run event of a pull_request run/],
  ])("refuses %s: exit 2, nothing posted", async (_what, files, run, message) => {
    const r = await post(artifact({ ...good, ...files }), event(run));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(posted()).toEqual([]);
  });

  const stack = validDiff.stacks[0]!;
  const withStack = (patch: Record<string, unknown>) => JSON.stringify({ ...validDiff, stacks: [{ ...stack, ...patch }] });
  it.each([
    ["too large", "x".repeat(diffLimits.bytes + 1), /diff\.json is \d+ bytes; at most 8388608/],
    ["not JSON", "{", /not JSON/],
    ["another kind", JSON.stringify({ ...validDiff, kind: "something" }), /diff\.kind: expected "stratum-plan-diff"/],
    ["an unknown field", JSON.stringify({ ...validDiff, script: "x" }), /diff\.script: expected no such field/],
    ["a missing field", withStack({ policy: undefined }), /diff\.stacks\[0\]\.policy: expected the field/],
    ["a resource name with a backtick", withStack({ resources: [{ ...stack.resources[0], name: "api`<img src=x>" }] }), /resources\[0\]\.name: expected a name of letters/],
    ["a secret with its value", withStack({ resources: [{ ...stack.resources[0], changes: [{ path: "password", old: "hunter2", new: "[secret]", secret: true, replace: "unknown", replaceSource: "x" }] }] }), /expected a secret shown as "\[secret\]" on both sides/],
    ["a wrong op", withStack({ resources: [{ ...stack.resources[0], op: "destroy" }] }), /resources\[0\]\.op: expected one of create, delete, update, unchanged/],
    ["too many stacks", JSON.stringify({ ...validDiff, stacks: Array.from({ length: 65 }, () => stack) }), /diff\.stacks: expected a list of at most 64 entries/],
  ])("refuses a diff.json that is %s: exit 2, nothing posted", async (_what, text, message) => {
    const r = await post(artifact({ ...good, "diff.json": text }));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(posted()).toEqual([]);
    // Nothing was asked of GitHub before the artifact was found bad.
    expect(github().requests).toEqual([]);
  });

  it("refuses an artifact with other files, a missing file, or a link in place of a file", async () => {
    const extra = artifact({ ...good, "package.json": "{}" });
    expect((await post(extra)).err).toMatch(/unexpected "package\.json"; it holds diff\.json and pr-number only/);
    expect((await post(artifact({ "pr-number": "7" }))).err).toMatch(/diff\.json is missing/);
    const linked = artifact({ "pr-number": "7" });
    symlinkSync("/etc/passwd", join(linked, "diff.json"));
    expect((await post(linked)).err).toMatch(/diff\.json is not a regular file/);
    const nested = artifact({ "pr-number": "7" });
    mkdirSync(join(nested, "diff.json"));
    expect((await post(nested)).err).toMatch(/diff\.json is not a regular file/);
    expect(posted()).toEqual([]);
  });

  it("takes the pull request from the run, never from --pr", async () => {
    const r = await post(artifact(good), event({}), ["--pr", "8"]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--pr, files, --markdown, --marker and --verdict do not go with it/);
  });
});

describe("a plan diff's risks", () => {
  it("an ingress rule opened to the internet is flagged as opening network access; an unrelated change is not", () => {
    const sg = (cidr: string, owner: string) => ({ urn: "urn:pulumi:dev-aws::stratum::aws:ec2/securityGroup:SecurityGroup::db", type: "aws:ec2/securityGroup:SecurityGroup", name: "db", parent: null, inputs: { description: "db", tags: { owner }, ingress: [{ cidrBlocks: [cidr], fromPort: 5432, protocol: "tcp", toPort: 5432 }] } });
    const opened = changesFromDiff("diff.json", { ...validDiff, stacks: [comparePlans(plan(1, [sg("10.0.0.0/16", "a")]), plan(1, [sg("0.0.0.0/0", "a")]), "urn")] });
    expect(opened[0]!.changes.map(riskReasons)).toEqual([["network-widening"]]);
    // A tag changed (a security group's description would replace it: terraform-provider-aws has it ForceNew).
    const renamed = changesFromDiff("diff.json", { ...validDiff, stacks: [comparePlans(plan(1, [sg("10.0.0.0/16", "a")]), plan(1, [sg("10.0.0.0/16", "b")]), "urn")] });
    expect(renamed[0]!.changes.map(riskReasons)).toEqual([[]]);
  });
});
