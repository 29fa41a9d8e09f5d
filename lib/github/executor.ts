import { execFile } from "node:child_process";

export interface ExecResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program without a shell; injectable so tests check the exact command lines without running Pulumi. */
export type Executor = (program: string, args: readonly string[]) => Promise<ExecResult>;

/** The real executor. A missing program rejects with the ENOENT error so callers can say which CLI to install. */
export const execFileExecutor: Executor = (program, args) =>
  new Promise((resolve, reject) => {
    execFile(program, [...args], { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === "ENOENT") return reject(error);
      const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
