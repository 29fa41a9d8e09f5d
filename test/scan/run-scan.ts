import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runCli } from "../../commands/main.ts";
import type { Command } from "../../lib/cli/command.ts";
import type { ExitCode } from "../../lib/cli/exit-codes.ts";

/** The scan command alone, dispatched as the real CLI does (bad input → printed problems and exit 2). */
const scan: Command = { name: "scan", summary: "", load: () => import("../../commands/scan.ts") };

export interface ScanResult {
  readonly code: ExitCode;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `stratum scan ARGV` in-process, capturing what it prints. */
export async function runScan(argv: readonly string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<ScanResult> {
  let stdout = "";
  let stderr = "";
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
  };
  const code = await runCli([scan], ["scan", ...argv], io);
  return { code, stdout, stderr };
}

export function tempDir(): Promise<string> {
  return mkdtemp(path.join(tmpdir(), "stratum-scan-test-"));
}
