import type { CommandIo } from "../lib/cli/command.ts";
import type { ExitCode } from "../lib/cli/exit-codes.ts";

/**
 * `stratum plan` and `stratum plan diff`: each loads only its own module, so a diff (which plans in child
 * processes, or reads two files) never pays for loading the Pulumi SDK and the program itself.
 */
export async function run(argv: readonly string[], io: CommandIo): Promise<ExitCode> {
  if (argv[0] === "diff") return (await import("./plan-diff.ts")).run(argv.slice(1), io);
  return (await import("./plan.ts")).run(argv, io);
}
