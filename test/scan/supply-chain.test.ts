import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isPinnedByDigest } from "../../lib/scan/digest.ts";
import { passingDigests } from "../../lib/scan/passing-digests.ts";
import { readVerdictFile } from "../../lib/scan/verdict.ts";
import { sharedFixture } from "../support/shared-dir.ts";
import { runScan, tempDir } from "./run-scan.ts";

const digest = (c: string) => `sha256:${c.repeat(64)}`;

/** A real report as it would look after a push: the registry digest recorded in RepoDigests. */
async function pushed(fixture: string, dir: string, repoDigest: string): Promise<string> {
  const report = JSON.parse(await readFile(sharedFixture("trivy", fixture), "utf8"));
  report.Metadata.RepoDigests = [`ghcr.io/acme/app@${repoDigest}`];
  const file = path.join(dir, fixture);
  await writeFile(file, JSON.stringify(report));
  return file;
}

describe("the supply-chain link", () => {
  it("the deploy passes on only digests with a passing verdict, filed under a registry digest", async () => {
    const dir = await tempDir();
    const verdicts = path.join(dir, "verdicts.json");
    await runScan(["report", await pushed("alpine-310.json.golden", dir, digest("a")), "--fail-on", "high", "--verdict", verdicts]);
    await runScan(["report", await pushed("debian-buster.json.golden", dir, digest("b")), "--fail-on", "high", "--verdict", verdicts]);
    // centos-7 as written by Trivy names only its local image ID: scanned, passing, but not pullable by digest.
    await runScan(["report", sharedFixture("trivy", "centos-7.json.golden"), "--fail-on", "high", "--verdict", verdicts]);
    const file = await readVerdictFile(verdicts);
    expect(Object.keys(file)).toHaveLength(3);
    expect(passingDigests(file)).toEqual([digest("a")]);
  });

  it("only references pinned by digest count as pinned", () => {
    expect(isPinnedByDigest(`ghcr.io/acme/api@${digest("c")}`)).toBe(true);
    expect(isPinnedByDigest(`ghcr.io/acme/api:1.4.2@${digest("c")}`)).toBe(true);
    expect(isPinnedByDigest("ghcr.io/acme/api:1.4.2")).toBe(false);
    expect(isPinnedByDigest("ghcr.io/acme/api:latest")).toBe(false);
    expect(isPinnedByDigest(`ghcr.io/acme/api@sha256:${"c".repeat(63)}`)).toBe(false);
    expect(isPinnedByDigest(digest("c"))).toBe(false); // a bare digest names no repository
  });

  it("an output that cannot be written is exit 2, not a pass", async () => {
    // A path below a regular file: no one, root included, can create it.
    const file = path.join(await tempDir(), "plain-file");
    await writeFile(file, "");
    const result = await runScan(["report", sharedFixture("trivy", "alpine-310.json.golden"), "--fail-on", "high", "--markdown", path.join(file, "v.md")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/plain-file\/v\.md: cannot write \(E(NOTDIR|EXIST)\)/);
  });
});
