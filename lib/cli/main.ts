import { ExitCode } from "./exit-codes.ts";
import { isUserInputError } from "./errors.ts";
import type { Command, CommandIo } from "./command.ts";
import { WorkflowCommandGuard } from "./workflow-commands.ts";

/**
 * Dispatches `stratum <command> ...` to the command's module and turns failures into exit codes: bad input is
 * printed as plain lines and exits 2; anything else is a bug and keeps its stack trace. Everything printed passes
 * a workflow-command guard, so no text from an input file can start a GitHub Actions command in a CI log.
 */
export async function runCli(commands: readonly Command[], argv: readonly string[], unguarded: CommandIo): Promise<ExitCode> {
  const stdout = new WorkflowCommandGuard(unguarded.stdout);
  const stderr = new WorkflowCommandGuard(unguarded.stderr);
  const io: CommandIo = { ...unguarded, stdout: (t) => stdout.text(t), stderr: (t) => stderr.text(t), workflowCommand: (t) => stdout.command(t) };
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(usage(commands));
    return name === undefined ? ExitCode.badInput : ExitCode.ok;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`stratum: unknown command "${name}"; expected one of ${commands.map((c) => c.name).join(", ")}\n`);
    return ExitCode.badInput;
  }
  try {
    const module = await command.load();
    return await module.run(rest, io);
  } catch (error) {
    if (isUserInputError(error)) {
      for (const problem of error.problems) io.stderr(`error: ${problem}\n`);
      return error.exitCode;
    }
    throw error;
  }
}

function usage(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    "usage: stratum <command> [flags]",
    "",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Exit codes: 0 ok, 1 blocked by a gate (policy, scan, drift), 2 bad input.",
    "",
  ].join("\n");
}
