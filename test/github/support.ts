import { afterEach, beforeEach, expect } from "vitest";
import type { CommandIo } from "../../lib/cli/command.ts";
import type { ExitCode } from "../../lib/cli/exit-codes.ts";
import { runCli } from "../../commands/main.ts";
import { fakeOwner, fakeRepo, fakeToken, startFakeGithub, type FakeGithub } from "./fake-github.ts";

export { sharedFixture } from "../support/shared-dir.ts";

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

/**
 * A fresh fake GitHub per test, closed afterwards, failing the test if any request or answer broke GitHub's
 * OpenAPI description. Returns a getter because the server only exists once `beforeEach` has run.
 */
export function useFakeGithub(setup: (github: FakeGithub) => void = () => {}): () => FakeGithub {
  let current: FakeGithub | undefined;
  beforeEach(async () => {
    current = await startFakeGithub();
    setup(current);
  });
  afterEach(async () => {
    expect(current?.violations).toEqual([]);
    await current?.close();
  });
  return () => {
    if (!current) throw new Error("the fake GitHub runs only inside a test");
    return current;
  };
}

/** Runs one command through the CLI dispatcher, so bad input becomes exit 2 and the stderr lines users see. */
export function viaCli(name: string, run: (argv: readonly string[], io: CommandIo) => Promise<ExitCode>) {
  return (argv: readonly string[], io: CommandIo) => runCli([{ name, summary: "", load: async () => ({ run }) }], [name, ...argv], io);
}
