import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { fakeToken, startFakeGithub, type FakeGithub } from "./fake-github.ts";

/** The fake is only worth something if it rejects what GitHub's description rejects. */
let github: FakeGithub;
beforeEach(async () => {
  github = await startFakeGithub();
});
afterEach(() => github.close());

const call = (method: string, path: string, body?: unknown) =>
  fetch(`${github.url}${path}`, { method, headers: { authorization: `token ${fakeToken}`, "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

describe("fake GitHub", () => {
  it("accepts a valid request and answers with a body valid under the response schema", async () => {
    const res = await call("POST", "/repos/acme/platform/issues/3/comments", { body: "hi" });
    expect(res.status).toBe(201);
    const json = (await res.json()) as Record<string, unknown>;
    expect(json).toMatchObject({ body: "hi", user: { login: "stratum-bot" } });
    expect(json).toHaveProperty("node_id");
    expect(github.violations).toEqual([]);
  });

  it("records a body that breaks the request schema", async () => {
    await call("POST", "/repos/acme/platform/issues/3/comments", { text: "hi" });
    expect(github.violations.join("\n")).toMatch(/issues\/create-comment.*body\.body: required/);
  });

  it("records a request for a path GitHub does not have, and an undeclared query parameter", async () => {
    await call("GET", "/repos/acme/platform/no-such-thing");
    await call("GET", "/repos/acme/platform/issues/3/comments?colour=blue");
    expect(github.violations).toHaveLength(2);
    expect(github.violations[0]).toContain("no such operation");
    expect(github.violations[1]).toContain("undeclared query parameter colour");
  });

  it("records a parameter of the wrong type", async () => {
    await call("PATCH", "/repos/acme/platform/issues/comments/abc", { body: "x" });
    expect(github.violations.join("\n")).toMatch(/path comment_id: expected integer/);
  });
});
