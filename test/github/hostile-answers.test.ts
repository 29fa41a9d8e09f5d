import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run as bootstrap } from "../../lib/github/command-bootstrap.ts";
import { run as comment } from "../../lib/github/command-comment.ts";
import { run as drift } from "../../lib/github/command-drift.ts";
import { runJanitor } from "../../lib/github/command-review.ts";
import { answerShapes } from "../../lib/github/answer-shapes.ts";
import { findOperation } from "./openapi.ts";
import type { Misbehaviour } from "./fake-github.ts";
import { fakeIo, sharedFixture, useFakeGithub, viaCli } from "./support.ts";

/**
 * GitHub answers that are not the JSON the endpoint documents, and an API that hangs or stops half-way. Each must
 * end the command with exit 2 and one message naming the endpoint, quickly (small limits here), never a crash,
 * a wait without end, or an answer taken for an empty one.
 */
const work = mkdtempSync(join(tmpdir(), "stratum-hostile-github-"));
writeFileSync(join(work, "note.md"), "hello\n");
writeFileSync(join(work, "prod-aws.json"), JSON.stringify({ deployIdentity: "arn:aws:iam::123456789012:role/d", previewIdentity: "arn:aws:iam::123456789012:role/p", publishIdentity: "arn:aws:iam::123456789012:role/u", registryHost: "123456789012.dkr.ecr.eu-west-1.amazonaws.com", registryUrls: { api: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme-prod-api" }, cloud: "aws", region: "eu-west-1" }));
// A drift result is named after its stack, so the shared preview is copied under a valid stack name.
copyFileSync(sharedFixture("pulumi-preview/drift-adopter__aws_tags_and_sets.json"), join(work, "adopter.json"));
writeFileSync(join(work, "stacks.json"), JSON.stringify([{ name: "pr-1", lastUpdate: "2026-06-10T10:00:00Z" }]));
const github = useFakeGithub((fake) => fake.state.pulls.set(1, { state: "open", merged: false }));

/** Small limits, so a hang costs a fraction of a second here. */
const quick = { STRATUM_GITHUB_TIMEOUT: "1", STRATUM_GITHUB_DEADLINE: "10" };

const commands = {
  bootstrap: (io: ReturnType<typeof fakeIo>) => viaCli("bootstrap", bootstrap)(["github", "--outputs", "prod-aws=prod-aws.json"], io),
  comment: (io: ReturnType<typeof fakeIo>) => viaCli("comment", comment)(["--pr", "1", "--markdown", "note.md", "--marker", "note"], io),
  drift: (io: ReturnType<typeof fakeIo>) => viaCli("drift", drift)(["report", "adopter.json"], io),
  janitor: (io: ReturnType<typeof fakeIo>) =>
    viaCli("review", (a, i) => runJanitor(a, i, async () => ({ code: 0, stdout: "", stderr: "" }), new Date("2026-06-10T12:00:00Z")))(["janitor", "--stacks-json", "stacks.json"], io),
};

const cases: ReadonlyArray<[keyof typeof commands, Misbehaviour, RegExp]> = [
  ["comment", { operationId: "issues/list-comments", kind: "html" }, /GitHub answered GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}\/comments \(200\) with text\/html, not the JSON the endpoint documents: "<!DOCTYPE html>/],
  ["comment", { operationId: "issues/list-comments", kind: "malformed" }, /GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}\/comments \(200\) with malformed JSON/],
  ["comment", { operationId: "issues/list-comments", kind: "wrong-shape", body: { message: "ok" } }, /comments \(200\) with JSON that is not what the endpoint documents: expected a list, got an object/],
  ["comment", { operationId: "issues/list-comments", kind: "wrong-shape", body: [{ id: "1", html_url: "x" }] }, /comments \(200\) with JSON that is not what the endpoint documents at \[0\]\.id: expected number/],
  ["comment", { operationId: "issues/list-comments", kind: "wrong-shape", body: null }, /expected a list, got null/],
  ["comment", { operationId: "issues/create-comment", kind: "wrong-shape", body: [] }, /POST \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}\/comments \(200\) with JSON .*: expected an object, got a list/],
  ["comment", { operationId: "issues/create-comment", kind: "html" }, /POST .*comments \(200\) with text\/html/],
  ["drift", { operationId: "issues/list-for-repo", kind: "wrong-shape", body: { items: [] } }, /GET \/repos\/\{owner\}\/\{repo\}\/issues \(200\) with JSON .*: expected a list, got an object/],
  ["drift", { operationId: "issues/list-for-repo", kind: "malformed" }, /GET \/repos\/\{owner\}\/\{repo\}\/issues \(200\) with malformed JSON/],
  ["bootstrap", { operationId: "repos/get-repo-rulesets", kind: "wrong-shape", body: { rulesets: [] } }, /GET \/repos\/\{owner\}\/\{repo\}\/rulesets \(200\) with JSON .*: expected a list, got an object/],
  ["bootstrap", { operationId: "repos/get-repo-rulesets", kind: "wrong-shape", body: [{ name: "stratum-ci" }] }, /rulesets \(200\) with JSON .* at \[0\]\.id: expected number/],
  ["bootstrap", { operationId: "repos/get-environment", kind: "html" }, /GET \/repos\/\{owner\}\/\{repo\}\/environments\/\{environment_name\} \(200\) with text\/html/],
  ["janitor", { operationId: "repos/get", kind: "html" }, /GET \/repos\/\{owner\}\/\{repo\} \(200\) with text\/html/],
  ["janitor", { operationId: "pulls/get", kind: "wrong-shape", body: { number: 1 } }, /GET \/repos\/\{owner\}\/\{repo\}\/pulls\/\{pull_number\} \(200\) with JSON .* at \.state: expected string/],
  ["janitor", { operationId: "pulls/get", kind: "wrong-shape", body: "open" }, /pulls\/\{pull_number\} \(200\) with malformed JSON or a bare string, not an object or list, not the JSON the endpoint documents: "open"/],
];

describe("a GitHub answer that is not the JSON the endpoint documents", () => {
  it.each(cases)("%s with %j → exit 2 naming the endpoint", async (command, misbehaviour, message) => {
    github().misbehave(misbehaviour);
    const io = fakeIo(github(), work);
    expect(await commands[command](io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).toMatch(/\(while trying to .* in acme\/platform\)/);
    expect(io.err().trim().split("\n")).toHaveLength(1);
    expect(io.out()).not.toMatch(/comment (created|updated)|no review stacks|clean/);
  });

  it("every endpoint stratum calls has its documented shape, and is one GitHub describes", () => {
    for (const key of Object.keys(answerShapes)) {
      const [method, template] = key.split(" ") as [string, string];
      const path = template.replace(/\{[^}]+\}/g, (p) => (p === "{owner}" ? "acme" : p === "{repo}" ? "platform" : /_id|_number/.test(p) ? "1" : "x"));
      expect(findOperation(method, path), key).toBeDefined();
    }
  });
});

describe("a hung API or a stalled answer", () => {
  it.each([
    ["comment", { operationId: "issues/list-comments", kind: "hang" }, /GitHub did not answer GET \/repos\/acme\/platform\/issues\/1\/comments within 1s \(no answer\)/],
    ["comment", { operationId: "issues/list-comments", kind: "stall" }, /GitHub did not answer GET \/repos\/acme\/platform\/issues\/1\/comments within 1s \(answered 200, then the body stalled\)/],
    ["janitor", { operationId: "pulls/get", kind: "hang" }, /did not answer GET \/repos\/acme\/platform\/pulls\/1 within 1s/],
    ["drift", { operationId: "issues/list-for-repo", kind: "stall" }, /did not answer GET \/repos\/acme\/platform\/issues within 1s \(answered 200, then the body stalled\)/],
  ] as const)("%s with %j → exit 2 after the request timeout, not retried", async (command, misbehaviour, message) => {
    github().misbehave({ ...misbehaviour, times: 5 });
    const io = fakeIo(github(), work, quick);
    expect(await commands[command](io)).toBe(2);
    expect(io.err()).toMatch(message);
    expect(io.err()).toMatch(/Set STRATUM_GITHUB_TIMEOUT \(seconds\) to wait longer/);
    expect(github().requests.filter((r) => r.operationId === misbehaviour.operationId)).toHaveLength(1);
  });

  it("an answer larger than any endpoint gives is refused, not read into memory whole", async () => {
    github().misbehave({ operationId: "issues/list-comments", kind: "huge" });
    const io = fakeIo(github(), work);
    expect(await commands.comment(io)).toBe(2);
    expect(io.err()).toMatch(/GitHub's answer to GET \/repos\/acme\/platform\/issues\/1\/comments is larger than 32 MiB/);
  });

  it("the deadline bounds all of a command's calls, retries included", async () => {
    // Every answer is a 502, which is retried with a pause; the deadline ends it before the retries are spent.
    github().fault({ operationId: "issues/list-comments", status: 502, message: "Bad Gateway", times: 10 });
    const io = fakeIo(github(), work, { STRATUM_GITHUB_TIMEOUT: "0.3", STRATUM_GITHUB_DEADLINE: "0.5" });
    expect(await commands.comment(io)).toBe(2);
    expect(io.err()).toMatch(/the command's GitHub calls ran past their 0\.5s deadline \(at GET \/repos\/acme\/platform\/issues\/1\/comments\)/);
    expect(io.err()).toMatch(/Set STRATUM_GITHUB_DEADLINE \(seconds\) to allow longer/);
  });

  it.each([
    ["STRATUM_GITHUB_TIMEOUT", "soon"],
    ["STRATUM_GITHUB_TIMEOUT", "0"],
    ["STRATUM_GITHUB_DEADLINE", "-5"],
    ["STRATUM_GITHUB_DEADLINE", "1e9"],
  ])("%s=%s is exit 2 naming the variable, before any call", async (name, value) => {
    const io = fakeIo(github(), work, { [name]: value });
    expect(await commands.comment(io)).toBe(2);
    expect(io.err()).toMatch(new RegExp(`^error: ${name}: got "${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}", expected a number of seconds greater than 0 and at most 86400`));
    expect(github().requests).toEqual([]);
  });
});
