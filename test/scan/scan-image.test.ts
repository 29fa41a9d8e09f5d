import { chmod, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sharedFixture } from "../support/shared-dir.ts";
import { runScan, tempDir } from "./run-scan.ts";

/**
 * A stand-in `trivy` on PATH (no real Trivy on this machine): it records its arguments and writes the given
 * report to the `--output` file, or exits with an error, like `trivy image` would.
 */
async function fakeTrivy(behaviour: { report?: string; fail?: string }): Promise<{ dir: string; argsFile: string }> {
  const dir = await tempDir();
  const argsFile = path.join(dir, "args.txt");
  const script = [
    "#!/bin/sh",
    `printf '%s\\n' "$@" > '${argsFile}'`,
    'out=""; prev=""; for a in "$@"; do [ "$prev" = "--output" ] && out="$a"; prev="$a"; done',
    behaviour.fail ? `echo '${behaviour.fail}' >&2; exit 1` : `/bin/cat '${behaviour.report}' > "$out"`,
    "",
  ].join("\n");
  await writeFile(path.join(dir, "trivy"), script);
  await chmod(path.join(dir, "trivy"), 0o755);
  return { dir, argsFile };
}

describe("scan image REF", () => {
  it("runs trivy image with JSON output (and --skip-db-update) and gates its report", async () => {
    const { dir, argsFile } = await fakeTrivy({ report: sharedFixture("trivy", "debian-buster.json.golden") });
    const verdict = path.join(dir, "v.json");
    const ref = "ghcr.io/acme/api:1.4.2";
    const result = await runScan(["image", ref, "--fail-on", "critical", "--skip-db-update", "--verdict", verdict], { env: { PATH: dir } });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error .*CVE-2019-18224/);
    const args = (await readFile(argsFile, "utf8")).trim().split("\n");
    expect(args.slice(0, 3)).toEqual(["image", "--format", "json"]);
    expect(args).toContain("--skip-db-update");
    expect(args.at(-1)).toBe(ref);
    const verdicts = JSON.parse(await readFile(verdict, "utf8"));
    expect(Object.values(verdicts)).toEqual([expect.objectContaining({ image: ref, verdict: "blocked" })]);
  });

  it("an image with nothing to scan passes when stratum ran Trivy itself (Trivy then leaves Results out), but not as a report file", async () => {
    const dir = await tempDir();
    const report = path.join(dir, "static.json");
    await writeFile(report, JSON.stringify({ SchemaVersion: 2, ArtifactName: "ghcr.io/acme/static:1", ArtifactType: "container_image", Metadata: { ImageID: `sha256:${"c".repeat(64)}` } }));
    const { dir: bin } = await fakeTrivy({ report });
    const own = await runScan(["image", "ghcr.io/acme/static:1", "--fail-on", "low"], { env: { PATH: bin } });
    expect(own.code).toBe(0);
    expect(own.stdout).toMatch(/0 findings/);
    const file = await runScan(["report", report, "--fail-on", "low"]);
    expect(file.code).toBe(2);
    expect(file.stderr).toMatch(/no "Results" in the Trivy report/);
  });

  it("without --skip-db-update Trivy updates its DB", async () => {
    const { dir, argsFile } = await fakeTrivy({ report: sharedFixture("trivy", "alpine-310.json.golden") });
    expect((await runScan(["image", "alpine:3.10", "--fail-on", "high"], { env: { PATH: dir } })).code).toBe(0);
    expect(await readFile(argsFile, "utf8")).not.toContain("--skip-db-update");
  });

  it("trivy not installed is exit 2 pointing at scan report", async () => {
    const empty = await tempDir();
    const result = await runScan(["image", "alpine:3.10"], { env: { PATH: empty } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("trivy is not installed; install it or use `stratum scan report FILE`");
  });

  it("a failing trivy, or one that writes a bad report, is exit 2, never a pass", async () => {
    const failing = await fakeTrivy({ fail: "FATAL unable to find the specified image" });
    const failed = await runScan(["image", "nope:latest"], { env: { PATH: failing.dir } });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain("trivy image nope:latest failed (exit 1): FATAL unable to find the specified image");

    const emptyReport = path.join(await tempDir(), "empty.json");
    await writeFile(emptyReport, "");
    const writesNothing = await fakeTrivy({ report: emptyReport });
    const result = await runScan(["image", "alpine:3.10"], { env: { PATH: writesNothing.dir } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/trivy\.json: empty file/);
  });
});
