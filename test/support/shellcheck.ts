import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Script {
  /** Where the script comes from, e.g. `ci.yml#build-api/Scan gate`. */
  readonly label: string;
  readonly text: string;
}

/** Said when shellcheck is missing: the check never passes by being skipped. */
export const shellcheckMissing = "shellcheck is not installed (Debian package `shellcheck`); .ci/run installs it: apt-get update && apt-get install -y shellcheck";

/**
 * Runs shellcheck (as bash, GitHub's default `run:` shell) over every script in one call and returns one line
 * per finding, `label: line N: SCxxxx message`. A `${{ ... }}` expression is replaced by a variable first, as the
 * runner would substitute a value; throws when shellcheck cannot run at all.
 */
export function shellcheckFindings(scripts: readonly Script[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "stratum-shellcheck-"));
  const files = scripts.map((script, i) => {
    const file = join(dir, `${i}.sh`);
    writeFileSync(file, `#!/usr/bin/env bash\n${script.text.replace(/\$\{\{[\s\S]*?\}\}/g, "${GITHUB_EXPRESSION}")}\n`);
    return file;
  });
  const result = spawnSync("shellcheck", ["--shell=bash", "--format=json1", "--severity=style", "--", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${shellcheckMissing} (${result.error.message})`);
  if (result.status !== 0 && result.status !== 1) throw new Error(`shellcheck exited ${String(result.status)}: ${result.stderr}`);
  const report = JSON.parse(result.stdout || '{"comments":[]}') as { comments: { file: string; line: number; code: number; message: string }[] };
  return report.comments.map((c) => `${scripts[files.indexOf(c.file)]?.label ?? c.file}: line ${c.line - 1}: SC${c.code} ${c.message}`);
}

/** True when shellcheck runs here. */
export function hasShellcheck(): boolean {
  return !spawnSync("shellcheck", ["--version"], { encoding: "utf8" }).error;
}
