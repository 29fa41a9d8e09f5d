import { execFile, execFileSync } from "node:child_process";
import { mkdtempSync, realpathSync, rmSync, symlinkSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { UserInputError } from "../../cli/errors.ts";
import { untilDone } from "./on-signal.ts";

const run = promisify(execFile);

export interface BaseWorktree {
  /** The project's root inside the worktree (the same folder of the repository as the working tree's). */
  readonly root: string;
  /** The commit REF resolved to. */
  readonly commit: string;
}

/**
 * Checks out REF into a temporary git worktree beside the repository's own, with the working tree's
 * node_modules linked in (never installed: the same dependencies on both sides), runs `use`, and removes the
 * worktree afterwards whatever happens: on return, on an error, and on SIGINT, SIGTERM or SIGHUP.
 */
export async function withBaseWorktree<T>(root: string, ref: string, use: (base: BaseWorktree) => Promise<T>): Promise<T> {
  // REF goes to git as one argument, never through a shell; a leading "-" would be read as an option.
  if (ref === "" || ref.startsWith("-") || /[\u0000-\u001f\u007f]/.test(ref)) throw new UserInputError(`--base: got ${JSON.stringify(ref)}, expected a git revision (a branch, tag, commit or HEAD~1)`);
  const git = (args: readonly string[]) => run("git", ["-C", root, ...args], { encoding: "utf8" }).then((r) => r.stdout.trim());
  let commit: string;
  try {
    commit = await git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  } catch {
    throw new UserInputError(`--base ${ref}: not a commit in the git repository at ${root}`);
  }
  const top = await git(["rev-parse", "--show-toplevel"]);
  const prefix = await git(["rev-parse", "--show-prefix"]);
  const holder = mkdtempSync(join(tmpdir(), "stratum-base-"));
  const tree = join(holder, "tree");
  const cleanup = untilDone(() => {
    try {
      execFileSync("git", ["-C", top, "worktree", "remove", "--force", tree], { stdio: "ignore" });
    } catch {
      // Not registered (the add failed part-way): removing the folder is all there is to undo.
    }
    rmSync(holder, { recursive: true, force: true });
  });
  try {
    await run("git", ["-C", top, "worktree", "add", "--detach", "--quiet", tree, commit]);
    const baseRoot = join(tree, prefix);
    const modules = join(root, "node_modules");
    if (existsSync(modules) && !existsSync(join(baseRoot, "node_modules"))) symlinkSync(realpathSync(modules), join(baseRoot, "node_modules"), "dir");
    return await use({ root: baseRoot, commit });
  } finally {
    cleanup();
  }
}
