import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { previewMarker } from "../../commands/comment.ts";
import { fakeOwner, fakeRepo, fakeToken, startFakeGithub, type FakeGithub } from "./fake-github.ts";
import { sharedFixture } from "./support.ts";

const entry = resolve(dirname(fileURLToPath(import.meta.url)), "../../scripts/stratum.ts");
let github: FakeGithub;
beforeAll(async () => {
  github = await startFakeGithub();
});
afterAll(async () => {
  expect(github.violations).toEqual([]);
  await github.close();
});

/** The issue's "done when": two real `stratum comment` processes, configured only by the Actions environment. */
it("two `stratum comment` runs on one pull request leave exactly one comment holding the second run's content", async () => {
  const env = { ...process.env, GITHUB_TOKEN: fakeToken, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: `${fakeOwner}/${fakeRepo}` };
  const stratum = (file: string) => promisify(execFile)(process.execPath, [entry, "comment", "--pr", "42", sharedFixture(`pulumi-preview/${file}`)], { env });
  await stratum("drift-adopter__small_scale_10_replace.json");
  const second = await stratum("drift-adopter__aws_secret_input.json");
  expect(second.stdout).toContain("comment updated on acme/platform#42");
  const mine = github.state.comments.filter((c) => c.issue === 42 && c.body.includes(previewMarker));
  expect(mine).toHaveLength(1);
  expect(mine[0]?.body).toContain("test-f19184e6");
  expect(mine[0]?.body).not.toContain("test-a692d456");
});
