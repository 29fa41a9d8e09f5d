import { spawn, type ChildProcess } from "node:child_process";

/**
 * Runs the example workloads as real processes, the way their pods and Jobs run them: a command, a working
 * directory and an environment, nothing inherited but PATH (so `node` resolves as it does in the image). Tests of one
 * app and the end-to-end test of the plan's exact commands and env share these two helpers.
 */
export interface ProcessSpec {
  /** argv, e.g. `["node", "server.js"]` or the plan's container command. */
  readonly command: readonly string[];
  readonly cwd: string;
  /** The whole environment of the process; PATH is added from this process when absent. */
  readonly env: Readonly<Record<string, string>>;
  /** How long to wait before failing (readiness for a service, completion for a command). @default 30000 */
  readonly timeoutMs?: number;
}

export interface ServiceSpec extends ProcessSpec {
  /** The port the app listens on (its env's PORT); the helper reaches it on `host`. */
  readonly port: number;
  /** The loopback address the app listens on. @default "127.0.0.1" */
  readonly host?: string;
  /**
   * Asked before each readiness attempt: a message means the app can never become ready (e.g. it listens on
   * another port), and startApp stops it and fails with that message at once rather than waiting out the timeout.
   */
  readonly hopeless?: () => string | undefined;
  /** The path that answers 200 once the app is ready. @default "/readyz" */
  readonly readinessPath?: string;
}

export interface RunningApp {
  /** `http://<host>:<port>` */
  readonly url: string;
  readonly pid: number;
  /** Everything the process wrote so far, stdout and stderr interleaved. */
  output(): string;
  /** SIGTERM, then waits for the exit (SIGKILL after 10 s); resolves to the exit code, null when killed by a signal. */
  stop(): Promise<number | null>;
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const children = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

function launch(spec: ProcessSpec): ChildProcess {
  const [file, ...args] = spec.command;
  if (!file) throw new Error("command is empty");
  const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", ...spec.env };
  const child = spawn(file, args, { cwd: spec.cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}

/** Starts a long-running app and resolves once `readinessPath` answers 200; rejects with its output if it exits first. */
export async function startApp(spec: ServiceSpec): Promise<RunningApp> {
  const child = launch(spec);
  let output = "";
  child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => (exitCode = code));
  const url = `http://${spec.host ?? "127.0.0.1"}:${spec.port}`;
  const stop = async () => {
    if (exitCode !== undefined) return exitCode;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    try {
      return await exited;
    } finally {
      clearTimeout(timer);
    }
  };
  const deadline = Date.now() + (spec.timeoutMs ?? 30_000);
  const readiness = url + (spec.readinessPath ?? "/readyz");
  let last = "no answer yet";
  while (Date.now() < deadline) {
    if (exitCode !== undefined) throw new Error(`${spec.command.join(" ")} exited ${exitCode} before ${readiness} answered 200:\n${output}`);
    const hopeless = spec.hopeless?.();
    if (hopeless) {
      await stop();
      throw new Error(`${spec.command.join(" ")}: ${hopeless}:\n${output}`);
    }
    try {
      const response = await fetch(readiness, { signal: AbortSignal.timeout(2_000) });
      if (response.status === 200) return { url, pid: child.pid ?? -1, output: () => output, stop };
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await stop();
  throw new Error(`${spec.command.join(" ")}: ${readiness} did not answer 200 in time (last: ${last}):\n${output}`);
}

/** Runs a one-shot command (a migration, the ETL) to completion and returns its exit code and output. */
export function runCommand(spec: ProcessSpec): Promise<CommandResult> {
  const child = launch(spec);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${spec.command.join(" ")} did not finish in ${spec.timeoutMs ?? 30_000} ms:\n${stdout}${stderr}`));
    }, spec.timeoutMs ?? 30_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
