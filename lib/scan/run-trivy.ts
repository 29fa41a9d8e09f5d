import { execFile } from "node:child_process";
import { UserInputError } from "../cli/errors.ts";

export interface RunTrivyOptions {
  /** The image to scan, as `trivy image` takes it. */
  readonly image: string;
  /** Where Trivy writes its JSON report. */
  readonly output: string;
  /** Skip the vulnerability DB download, for CI runs whose DB is cached. Default: false (Trivy updates it). */
  readonly skipDbUpdate?: boolean;
  /** The environment Trivy runs with (PATH, TRIVY_* settings, registry credentials). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The executable. Default: `trivy` from PATH. */
  readonly trivy?: string;
}

/**
 * Runs `trivy image --format json --output FILE`. `--exit-code 0` keeps the decision with the gate: Trivy's
 * own exit code would only say "found something", not what the threshold and waivers make of it.
 */
export function runTrivy(options: RunTrivyOptions): Promise<void> {
  const args = ["image", "--format", "json", "--output", options.output, "--exit-code", "0", "--quiet"];
  if (options.skipDbUpdate) args.push("--skip-db-update");
  args.push(options.image);
  return new Promise((resolve, reject) => {
    execFile(options.trivy ?? "trivy", args, { env: { ...options.env }, maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) => {
      if (!error) return resolve();
      if ((error as NodeJS.ErrnoException).code === "ENOENT") {
        return reject(new UserInputError("trivy is not installed; install it or use `stratum scan report FILE`"));
      }
      const detail = stderr.trim().split("\n").slice(-5).join("\n") || error.message;
      reject(new UserInputError(`trivy image ${options.image} failed (exit ${String(error.code)}): ${detail}`));
    });
  });
}
