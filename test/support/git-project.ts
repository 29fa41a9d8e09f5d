import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot } from "./shared-dir.ts";

/**
 * A fresh git repository holding this project's files as they are now (tracked, and new files git does not
 * ignore), committed once, with node_modules linked in as an installed clone has it: what `stratum plan diff
 * --base HEAD` sees on a fresh clone. Tests edit its working tree and diff against HEAD.
 */
export function gitProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "stratum-git-project-"));
  const files = execFileSync("git", ["-C", repoRoot, "ls-files", "-co", "--exclude-standard", "-z"], { encoding: "utf8" }).split("\0").filter(Boolean);
  for (const file of files) {
    if (file === "node_modules" || file === ".toolchain") continue;
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      cpSync(join(repoRoot, file), join(dir, file));
    } catch {
      // A file git lists but the working tree has deleted: the copy is of the tree as it is.
    }
  }
  symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"));
  const git = (...args: string[]) => execFileSync("git", ["-C", dir, "-c", "user.name=test", "-c", "user.email=test@example.invalid", "-c", "commit.gpgsign=false", ...args], { stdio: "ignore" });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "the project");
  return dir;
}

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `node scripts/stratum.ts ARGS` in `cwd` as a process, with its own temporary folder (TMPDIR). */
export function stratumProcess(cwd: string, args: readonly string[], tmp: string, onStart?: (kill: (signal: NodeJS.Signals) => void) => void): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(cwd, "scripts", "stratum.ts"), ...args], { cwd, env: { ...process.env, TMPDIR: tmp } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => void (stdout += d));
    child.stderr.on("data", (d) => void (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
    onStart?.((signal) => child.kill(signal));
  });
}

/** The worktrees git knows for the repository at `dir`, the main one first. */
export function worktrees(dir: string): string[] {
  return execFileSync("git", ["-C", dir, "worktree", "list", "--porcelain"], { encoding: "utf8" }).split("\n").filter((l) => l.startsWith("worktree ")).map((l) => l.slice(9));
}
