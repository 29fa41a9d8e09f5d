import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runJanitor } from "../../lib/github/command-review.ts";
import type { ExecResult, Executor } from "../../lib/github/executor.ts";
import { fakeIo, useFakeGithub, viaCli } from "./support.ts";

const now = new Date("2026-06-10T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000).toISOString();
const work = mkdtempSync(join(tmpdir(), "stratum-janitor-"));
const stacks = [
  { name: "acme/platform/prod-aws", lastUpdate: hoursAgo(1000) },
  { name: "pr-1", lastUpdate: hoursAgo(2) },
  { name: "pr-2", lastUpdate: hoursAgo(2) },
  { name: "pr-3", lastUpdate: hoursAgo(100) },
  { name: "acme/platform/pr-4", lastUpdate: hoursAgo(5) },
];
writeFileSync(join(work, "stacks.json"), JSON.stringify(stacks));

const github = useFakeGithub((fake) => {
  fake.state.pulls.set(1, { state: "open", merged: false });
  fake.state.pulls.set(2, { state: "closed", merged: true });
  fake.state.pulls.set(3, { state: "open", merged: false });
  fake.state.pulls.set(4, { state: "closed", merged: false });
});

function recorder(results: Record<string, ExecResult> = {}) {
  const calls: string[] = [];
  const exec: Executor = async (program, args) => {
    const line = [program, ...args].join(" ");
    calls.push(line);
    return results[line] ?? { code: 0, stdout: line.endsWith("ls --json") ? JSON.stringify(stacks) : "", stderr: "" };
  };
  return { calls, exec };
}

const stratum = (argv: string[], io: ReturnType<typeof fakeIo>, exec: Executor) => viaCli("review", (a, i) => runJanitor(a, i, exec, now))(argv, io);


describe("stratum review janitor", () => {
  it("dry run lists what it would destroy and runs nothing", async () => {
    const { calls, exec } = recorder();
    const io = fakeIo(github(), work);
    expect(await stratum(["janitor", "--stacks-json", "stacks.json"], io, exec)).toBe(0);
    expect(io.out()).toContain("= keep pr-1: pull request #1 is open");
    expect(io.out()).toContain("- destroy pr-2: pull request #2 was merged");
    expect(io.out()).toContain("- destroy pr-3: last updated 100h ago, over the 72h TTL");
    expect(io.out()).toContain("- destroy acme/platform/pr-4: pull request #4 is closed");
    expect(io.out()).not.toContain("prod-aws");
    expect(io.out()).toContain("dry run: 3 review stack(s) would be destroyed");
    expect(calls).toEqual([]);
  });

  it("--apply destroys then removes each expired stack, with the stack list from the Pulumi CLI", async () => {
    const { calls, exec } = recorder();
    const io = fakeIo(github(), work);
    expect(await stratum(["janitor", "--apply", "--ttl-hours", "200"], io, exec)).toBe(0);
    expect(calls).toEqual([
      "pulumi stack ls --json",
      "pulumi stack output --json --stack pr-2",
      "pulumi destroy --yes --skip-preview --non-interactive --stack pr-2",
      "pulumi stack rm --yes --non-interactive pr-2",
      "pulumi stack output --json --stack acme/platform/pr-4",
      "pulumi destroy --yes --skip-preview --non-interactive --stack acme/platform/pr-4",
      "pulumi stack rm --yes --non-interactive acme/platform/pr-4",
    ]);
    expect(io.out()).toContain("= keep pr-3");
    expect(io.out()).toContain("destroyed 2 of 2 review stack(s)");
    // These stacks' outputs name no base stack: nothing to drop, and the janitor says so.
    expect(io.err()).toContain("warning: pr-2: its outputs name no base stack and pull request; destroyed without dropping a database schema");
  });

  const digest = `sha256:${"a".repeat(64)}`;
  const outputs = JSON.stringify({ baseStack: "dev-aws", pullRequest: 2, namespace: "pr-2", images: { orders: digest, api: "not-a-digest" } });

  it("drops the review schema first: the base config, the teardown flag and the stack's images, then one update", async () => {
    const { calls, exec } = recorder({ "pulumi stack output --json --stack pr-2": { code: 0, stdout: outputs, stderr: "" } });
    const io = fakeIo(github(), work);
    expect(await stratum(["janitor", "--stacks-json", "stacks.json", "--apply", "--stack", "pr-2"], io, exec)).toBe(0);
    expect(calls).toEqual([
      "pulumi stack output --json --stack pr-2",
      "pulumi config cp --stack dev-aws --dest pr-2",
      `pulumi config set --stack pr-2 stratum:review {"pullRequest":2,"baseStack":"dev-aws","teardown":true}`,
      `pulumi config set --stack pr-2 stratum:images {"orders":"${digest}"}`,
      "pulumi up --yes --skip-preview --non-interactive --stack pr-2",
      "pulumi destroy --yes --skip-preview --non-interactive --stack pr-2",
      "pulumi stack rm --yes --non-interactive pr-2",
    ]);
    expect(io.out()).not.toContain("pr-3");
  });

  it("a failed teardown still destroys the stack, names the schema left behind and exits 1", async () => {
    const { calls, exec } = recorder({
      "pulumi stack output --json --stack pr-2": { code: 0, stdout: outputs, stderr: "" },
      "pulumi up --yes --skip-preview --non-interactive --stack pr-2": { code: 255, stdout: "", stderr: "error: Job failed" },
    });
    const io = fakeIo(github(), work);
    expect(await stratum(["janitor", "--stacks-json", "stacks.json", "--apply", "--stack", "pr-2"], io, exec)).toBe(1);
    expect(calls.at(-1)).toBe("pulumi stack rm --yes --non-interactive pr-2");
    expect(io.err()).toContain("schema pr_2 may remain in the base stack's database");
  });

  it("--stack takes only a review stack name", async () => {
    const io = fakeIo(github(), work);
    expect(await stratum(["janitor", "--stacks-json", "stacks.json", "--stack", "dev-aws"], io, recorder().exec)).toBe(2);
    expect(io.err()).toContain('--stack: got "dev-aws", expected a review stack name pr-<number>');
  });

  it("a failed destroy keeps the stack, tries the rest and exits 1", async () => {
    const { calls, exec } = recorder({ "pulumi destroy --yes --skip-preview --non-interactive --stack pr-2": { code: 255, stdout: "", stderr: "error: resource in use" } });
    const io = fakeIo(github(), work);
    expect(await stratum(["janitor", "--stacks-json", "stacks.json", "--apply"], io, exec)).toBe(1);
    expect(calls).not.toContain("pulumi stack rm --yes --non-interactive pr-2");
    expect(calls).toContain("pulumi stack rm --yes --non-interactive pr-3");
    expect(io.err()).toContain("exited 255: error: resource in use");
  });

  it("a missing Pulumi CLI is bad input with a way out", async () => {
    const exec: Executor = () => Promise.reject(Object.assign(new Error("spawn pulumi ENOENT"), { code: "ENOENT" }));
    const io = fakeIo(github(), work);
    expect(await stratum(["janitor"], io, exec)).toBe(2);
    expect(io.err()).toContain("the Pulumi CLI (`pulumi`) is not on PATH");
    expect(io.err()).toContain("--stacks-json FILE");
  });
});
