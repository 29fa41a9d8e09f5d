import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CommandIo } from "../../lib/cli/command.ts";
import { fakeOwner, fakeRepo, fakeToken, type FakeGithub } from "./fake-github.ts";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** `<repoRoot>/../shared/fixtures/<path>`, or under STRATUM_SHARED_DIR when the checkout has no sibling `shared/`. */
export function sharedFixture(path: string): string {
  const beside = join(repoRoot, "..", "shared", "fixtures", path);
  if (existsSync(beside)) return beside;
  const fromEnv = process.env.STRATUM_SHARED_DIR;
  if (fromEnv) return join(fromEnv, "fixtures", path);
  throw new Error(`shared fixture ${path} not found beside the repository; set STRATUM_SHARED_DIR`);
}

export interface CapturedIo extends CommandIo {
  readonly out: () => string;
  readonly err: () => string;
}

/** A CommandIo pointed at the fake, with output captured. Writes are not paced: the fake needs no politeness. */
export function fakeIo(github: FakeGithub, cwd: string, env: Record<string, string | undefined> = {}): CapturedIo {
  let out = "";
  let err = "";
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd,
    env: { GITHUB_TOKEN: fakeToken, GITHUB_API_URL: github.url, GITHUB_REPOSITORY: `${fakeOwner}/${fakeRepo}`, STRATUM_GITHUB_PACING: "none", ...env },
    out: () => out,
    err: () => err,
  };
}
