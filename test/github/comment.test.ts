import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run as comment, previewMarker } from "../../commands/comment.ts";
import { readChanges } from "../../lib/github/preview/read-changes.ts";
import { renderComment } from "../../lib/github/preview/render-comment.ts";
import { fakeIo, sharedFixture, useFakeGithub, viaCli } from "./support.ts";

const replacePreview = sharedFixture("pulumi-preview/drift-adopter__small_scale_10_replace.json");
const awsPreview = sharedFixture("pulumi-preview/drift-adopter__aws_tags_and_sets.json");
const work = mkdtempSync(join(tmpdir(), "stratum-comment-"));

const github = useFakeGithub((fake) => {
  fake.state.pulls.set(7, { state: "open", merged: false });
});
const stratum = viaCli("comment", comment);


function markerComments() {
  return github().state.comments.filter((c) => c.issue === 7 && c.body.includes(previewMarker));
}

describe("stratum comment --markdown FILE --marker KIND", () => {
  const reviewComments = () => github().state.comments.filter((c) => c.issue === 7 && c.body.startsWith("<!-- stratum:review -->"));

  it("keeps one sticky comment of its own kind, beside the preview comment, and edits it on a re-run", async () => {
    const urls = join(work, "urls.md");
    writeFileSync(urls, "### Review environment pr-7\n\n- frontendUrl: https://one.example\n");
    github().state.comments.push({ id: 900, issue: 7, body: `${previewMarker}\nthe preview` });
    expect(await stratum(["--pr", "7", "--markdown", urls, "--marker", "review"], fakeIo(github(), work))).toBe(0);
    writeFileSync(urls, "### Review environment pr-7\n\n- frontendUrl: https://two.example\n");
    expect(await stratum(["--pr", "7", "--markdown", urls, "--marker", "review"], fakeIo(github(), work))).toBe(0);
    expect(reviewComments().map((c) => c.body)).toEqual(["<!-- stratum:review -->\n### Review environment pr-7\n\n- frontendUrl: https://two.example\n"]);
    expect(markerComments().map((c) => c.body)).toEqual([`${previewMarker}\nthe preview`]);
  });

  it.each([
    [["--markdown", "urls.md"], /--markdown FILE and --marker KIND go together/],
    [["--markdown", "urls.md", "--marker", "Review!"], /--marker: got "Review!", expected a lowercase name/],
    [["--markdown", "urls.md", "--marker", "preview"], /"preview" is the preview comment's own/],
    [["--markdown", "urls.md", "--marker", "review", "plan.json"], /--markdown posts one file as it is/],
    [["--markdown", "missing.md", "--marker", "review"], /missing\.md/],
  ])("refuses %j with exit 2", async (args, message) => {
    writeFileSync(join(work, "urls.md"), "text");
    const io = fakeIo(github(), work);
    expect(await stratum(["--pr", "7", ...args], io)).toBe(2);
    expect(io.err()).toMatch(message);
  });
});

describe("stratum comment", () => {
  it("creates one comment on the first run and edits it on the second, never duplicating", async () => {
    github().state.comments.push({ id: 1, issue: 7, body: "a human's comment" });
    const first = fakeIo(github(), work);
    expect(await stratum(["--pr", "7", replacePreview], first)).toBe(0);
    expect(first.out()).toContain("comment created on acme/platform#7");
    expect(markerComments()).toHaveLength(1);
    expect(markerComments()[0]?.body).toContain("test-a692d456");

    const second = fakeIo(github(), work);
    expect(await stratum(["--pr", "7", awsPreview], second)).toBe(0);
    expect(second.out()).toContain("comment updated");
    const [only] = markerComments();
    expect(markerComments()).toHaveLength(1);
    expect(only?.body).toContain("test-b5f8ac54");
    expect(only?.body).not.toContain("test-a692d456");
    expect(github().state.comments).toHaveLength(2);
    const calls = github().requests.map((r) => `${r.method} ${r.operationId}`);
    expect(calls).toEqual([
      "GET issues/list-comments",
      "POST issues/create-comment",
      "GET issues/list-comments",
      "PATCH issues/update-comment",
    ]);
  });

  it("finds its comment on a later page and removes duplicates an earlier run left", async () => {
    for (let i = 0; i < 130; i++) github().state.comments.push({ id: i + 1, issue: 7, body: `chatter ${i}` });
    github().state.comments.push({ id: 500, issue: 7, body: `${previewMarker}\nold` }, { id: 501, issue: 7, body: `${previewMarker}\nolder copy` });
    const io = fakeIo(github(), work);
    expect(await stratum(["--pr", "7", awsPreview], io)).toBe(0);
    expect(markerComments().map((c) => c.id)).toEqual([500]);
    expect(io.out()).toContain("removed 1 duplicate");
  });

  it("retries a 403 secondary rate limit after retry-after, and a 502", async () => {
    github().fault({ operationId: "issues/list-comments", status: 403, message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", headers: { "retry-after": "1" } });
    github().fault({ operationId: "issues/create-comment", status: 502, message: "Server Error" });
    const io = fakeIo(github(), work);
    expect(await stratum(["--pr", "7", replacePreview], io)).toBe(0);
    const calls = github().requests.map((r) => `${r.operationId} ${r.status}`);
    expect(calls).toEqual(["issues/list-comments 403", "issues/list-comments 200", "issues/create-comment 502", "issues/create-comment 201"]);
    expect(markerComments()).toHaveLength(1);
    // The wait is the one GitHub asked for (retry-after), read from the answer rather than timed.
    expect(io.err()).toMatch(/github: secondary rate limit on GET \S+\/issues\/7\/comments\S*; retrying in 1s\n/);
  });

  it("explains a 404 repository: what was tried, which repository, which permission", async () => {
    const io = fakeIo(github(), work, { GITHUB_REPOSITORY: "acme/missing" });
    expect(await stratum(["--pr", "7", replacePreview], io)).toBe(2);
    expect(io.err()).toMatch(/404 while trying to list comments on pull request #7 in acme\/missing/);
    expect(io.err()).toContain('"pull-requests: write');
    expect(github().requests).toHaveLength(1);
  });

  it("explains a 401 token and exits 2 without retrying", async () => {
    const io = fakeIo(github(), work, { GITHUB_TOKEN: "expired" });
    expect(await stratum(["--pr", "7", replacePreview], io)).toBe(2);
    expect(io.err()).toContain("GitHub rejected the token (401 Bad credentials) while trying to list comments on pull request #7 in acme/platform");
    expect(github().requests).toHaveLength(1);
  });

  it("keeps a 300-resource preview under GitHub's body limit, summary first, collapse noted, full report linked", async () => {
    const file = join(work, "big.json");
    writeFileSync(file, JSON.stringify(bigPreview(300)));
    const uncollapsed = renderComment({ stacks: [readChanges(file, JSON.stringify(bigPreview(300)))], verdicts: [], marker: previewMarker, limit: Infinity });
    expect(uncollapsed.body.length).toBeGreaterThan(65_536);
    const io = fakeIo(github(), work);
    expect(await stratum(["--pr", "7", "--details-url", "https://ci.test/run/1", file], io)).toBe(0);
    const [only] = markerComments();
    expect(only).toBeDefined();
    expect(only!.body.length).toBeLessThanOrEqual(65_536);
    expect(only!.body).toContain("**1 stack** · 100 to create · 100 to update · 50 to replace · 50 to delete");
    expect(only!.body).toContain("| big-stack | preview | 100 | 100 | 50 | 50 |");
    expect(only!.body).toMatch(/Detail collapsed to fit GitHub's 65,536-character comment limit/);
    expect(only!.body).toContain("[Full report](https://ci.test/run/1)");
    expect(io.out()).toContain("collapsed:");
  });

  it("rejects a file that is neither a plan nor a preview, naming it (exit 2)", async () => {
    const file = join(work, "junk.json");
    writeFileSync(file, JSON.stringify({ hello: 1 }));
    const io = fakeIo(github(), work);
    expect(await stratum(["--pr", "7", file], io)).toBe(2);
    expect(io.err()).toContain("junk.json: expected an offline plan");
    expect(github().requests).toHaveLength(0);
  });
});

/** A PreviewDigest with `n` changed resources, each carrying a long diff so the full rendering is far over the limit. */
function bigPreview(n: number) {
  const ops = ["create", "update", "replace", "delete", "create", "update"];
  const steps = Array.from({ length: n }, (_, i) => {
    const op = ops[i % ops.length] as string;
    const type = i % 3 === 0 ? "aws:s3/bucket:Bucket" : "aws:ec2/instance:Instance";
    const urn = `urn:pulumi:big-stack::proj::${type}::service-component-with-a-deliberately-long-logical-name-for-size-testing-${i}`;
    const detailedDiff = Object.fromEntries(Array.from({ length: 12 }, (_, k) => [`tags.some-long-tag-key-${k}`, { kind: "update", inputDiff: false }]));
    return { op, urn, newState: { type, urn, inputs: {} }, oldState: { type, urn, inputs: {} }, detailedDiff, replaceReasons: op === "replace" ? ["ami", "instanceType"] : undefined };
  });
  return { steps: [{ op: "same", urn: "urn:pulumi:big-stack::proj::pulumi:pulumi:Stack::proj-big-stack" }, ...steps], changeSummary: {} };
}
