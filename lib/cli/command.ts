import type { ExitCode } from "./exit-codes.ts";

/** The streams a command writes to, injectable so tests can read them without spawning a process. */
export interface CommandIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /**
   * Writes workflow commands a command means to emit (the scan gate's `::error` lines) to stdout unchanged.
   * `runCli` sets it; stdout and stderr themselves break any workflow command in what they print.
   */
  readonly workflowCommand?: (text: string) => void;
}

/** One `stratum <name>` sub-command. Its module is loaded only when it runs, so `stratum scan` never pays for Pulumi. */
export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<{ run: (argv: readonly string[], io: CommandIo) => Promise<ExitCode> }>;
}

export function processIo(): CommandIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
  };
}
