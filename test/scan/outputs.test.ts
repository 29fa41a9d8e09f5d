import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty, renderAnnotations } from "../../lib/scan/annotations.ts";
import { sharedFixture } from "../support/shared-dir.ts";
import { runScan, tempDir } from "./run-scan.ts";
import type { Decision } from "../../lib/scan/gate.ts";
import { inForce } from "../support/dates.ts";

const trivy = (name: string) => sharedFixture("trivy", name);
const debianImageId = "sha256:c2c03a296d2329a4f3ab72a7bf38b78a8a80108204d326b0139d6af700e152d1";
const alpineImageId = "sha256:961769676411f082461f9ef46626dd7a2d1e2b2a38e6a44364bcbecf51e66dd4";

describe("verdict JSON", () => {
  it("is keyed by digest and merges several images into one file", async () => {
    const dir = await tempDir();
    const verdict = path.join(dir, "verdicts.json");
    expect((await runScan(["report", trivy("debian-buster.json.golden"), "--fail-on", "critical", "--verdict", verdict])).code).toBe(1);
    expect((await runScan(["report", trivy("alpine-310.json.golden"), "--fail-on", "high", "--verdict", verdict])).code).toBe(0);
    const file = JSON.parse(await readFile(verdict, "utf8"));
    expect(Object.keys(file).sort()).toEqual([alpineImageId, debianImageId].sort());
    expect(file[debianImageId]).toMatchObject({
      schemaVersion: 1,
      image: "testdata/fixtures/images/debian-buster.tar.gz",
      digest: debianImageId,
      digestSource: "imageId", // these reports name no RepoDigests
      verdict: "blocked",
      failOn: "critical",
      ignoreUnfixed: false,
      counts: { total: 2, fixable: 1, bySeverity: { CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 1, UNKNOWN: 0 } },
      blocking: [{ id: "CVE-2019-18224", package: "libidn2-0", installedVersion: "2.0.5-1", fixedVersion: "2.0.5-1+deb10u1", severity: "CRITICAL" }],
      waived: [],
      expiredWaivers: [],
    });
    expect(file[alpineImageId]).toMatchObject({ verdict: "pass", blocking: [], counts: { total: 4, fixable: 4 } });
    expect((await readdir(dir)).filter((name) => name.endsWith(".tmp"))).toEqual([]); // no temp file left behind
  });

  it("prefers the registry digest in RepoDigests over the image ID", async () => {
    const dir = await tempDir();
    const report = JSON.parse(await readFile(trivy("alpine-310.json.golden"), "utf8"));
    const repoDigest = `sha256:${"a".repeat(64)}`;
    report.Metadata.RepoDigests = [`ghcr.io/acme/api@${repoDigest}`];
    await writeFile(path.join(dir, "pushed.json"), JSON.stringify(report));
    await runScan(["report", path.join(dir, "pushed.json"), "--verdict", path.join(dir, "v.json")]);
    const file = JSON.parse(await readFile(path.join(dir, "v.json"), "utf8"));
    expect(file[repoDigest]).toMatchObject({ digest: repoDigest, digestSource: "repoDigest", verdict: "pass" });
  });

  it("a report naming no image and no digest is filed under its path with a null digest", async () => {
    const dir = await tempDir();
    const report = JSON.parse(await readFile(trivy("alpine-310.json.golden"), "utf8"));
    delete report.ArtifactName;
    delete report.Metadata;
    const file = path.join(dir, "anonymous.json");
    await writeFile(file, JSON.stringify(report));
    await runScan(["report", file, "--verdict", path.join(dir, "v.json")]);
    const verdicts = JSON.parse(await readFile(path.join(dir, "v.json"), "utf8"));
    expect(verdicts[file]).toMatchObject({ image: null, digest: null, digestSource: null, verdict: "pass" });
  });

  it("records waived and expired-waiver findings", async () => {
    const dir = await tempDir();
    const waivers = path.join(dir, "w.yaml");
    await writeFile(
      waivers,
      `waivers:\n  - {id: CVE-2019-18224, reason: unreachable, approver: sec, expires: ${inForce}}\n  - {id: CVE-2019-18276, reason: old, approver: sec, expires: 2001-01-01}\n`,
    );
    await runScan(["report", trivy("debian-buster.json.golden"), "--fail-on", "low", "--waivers", waivers, "--verdict", path.join(dir, "v.json")]);
    const verdict = JSON.parse(await readFile(path.join(dir, "v.json"), "utf8"))[debianImageId];
    expect(verdict.verdict).toBe("blocked");
    expect(verdict.waived).toEqual([expect.objectContaining({ id: "CVE-2019-18224", reason: "unreachable", approver: "sec", expires: `${inForce}` })]);
    expect(verdict.expiredWaivers).toEqual([expect.objectContaining({ id: "CVE-2019-18276", expires: "2001-01-01" })]);
    expect(verdict.blocking.map((f: { id: string }) => f.id)).toEqual(["CVE-2019-18276"]);
  });

  it("refuses to overwrite an existing verdict file that is not a JSON object (exit 2, file unchanged)", async () => {
    const dir = await tempDir();
    const verdict = path.join(dir, "v.json");
    await writeFile(verdict, "[1,2");
    const result = await runScan(["report", trivy("alpine-310.json.golden"), "--verdict", verdict]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`${verdict}: (truncated|not) JSON \\(.*\\); expected an existing verdict file \\(a JSON object keyed by digest\\)`));
    expect(await readFile(verdict, "utf8")).toBe("[1,2");
  });
});

describe("Markdown and annotations", () => {
  it("writes --markdown and appends to $GITHUB_STEP_SUMMARY", async () => {
    const dir = await tempDir();
    const summary = path.join(dir, "step-summary.md");
    await writeFile(summary, "earlier step\n");
    const markdown = path.join(dir, "comment.md");
    const result = await runScan(["report", trivy("debian-buster.json.golden"), "--fail-on", "critical", "--markdown", markdown], {
      env: { GITHUB_STEP_SUMMARY: summary },
    });
    expect(result.code).toBe(1);
    const text = await readFile(markdown, "utf8");
    expect(text).toContain("❌ Scan gate blocked");
    expect(text).toContain("2 findings: 1 critical, 0 high, 0 medium, 1 low, 0 unknown; 1 fixable");
    expect(text).toContain("| CRITICAL | CVE-2019-18224 | libidn2-0 | 2.0.5-1 | 2.0.5-1+deb10u1 | libidn2: heap-based buffer overflow");
    expect(await readFile(summary, "utf8")).toBe(`earlier step\n${text}`);
  });

  it("a passing scan says so in Markdown", async () => {
    const dir = await tempDir();
    await runScan(["report", trivy("alpine-310.sarif.golden"), "--fail-on", "high", "--markdown", path.join(dir, "m.md")]);
    expect(await readFile(path.join(dir, "m.md"), "utf8")).toContain("✅ Scan gate passed");
  });

  it("escapes %, CR and LF in ::error lines as GitHub requires", () => {
    expect(escapeData("100% bad\r\nnext")).toBe("100%25 bad%0D%0Anext");
    expect(escapeProperty("a: b, c")).toBe("a%3A b%2C c");
    const finding = { id: "CVE-1", package: "p", installedVersion: "1", fixedVersion: null, severity: "HIGH", title: "50%\nsecond line", target: "", status: null } as const;
    const decision = { blocking: [finding], expiredWaivers: [] } as unknown as Decision;
    const lines = renderAnnotations(decision).split("\n").filter(Boolean);
    expect(lines).toEqual(["::error title=Scan gate%3A CVE-1::HIGH CVE-1 in p 1 → no fix: 50%25%0Asecond line"]);
  });
});
