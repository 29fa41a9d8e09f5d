import { readFileSync } from "node:fs";
import { dockerfileInstructions } from "../support/dockerfile.ts";

export { containerArgv } from "../support/dockerfile.ts";

/**
 * What an image runs, read from the workload's own Dockerfile: the entrypoint and command (exec form), the
 * environment the image sets, its working directory and the commands it runs at build. The end-to-end test runs a
 * workload from these when its manifest sets no command, so a Dockerfile that runs the wrong file fails the test.
 */
export interface ImageConfig {
  readonly file: string;
  readonly workdir: string;
  readonly entrypoint: readonly string[];
  readonly cmd: readonly string[];
  /** ENV, in order (a later one wins, as in the image). */
  readonly env: Readonly<Record<string, string>>;
  /** RUN lines as written (shell form), in order. */
  readonly run: readonly string[];
}

function execForm(file: string, keyword: string, rest: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === "string")) {
    throw new Error(`${file}: ${keyword} ${rest}: expected the exec form, a JSON array of strings (the shell form runs /bin/sh, which the test does not model)`);
  }
  return parsed;
}

/** `KEY=value KEY2=value2` (no quotes in this repository's Dockerfiles; a quoted value is refused rather than guessed). */
function envPairs(file: string, rest: string): [string, string][] {
  return rest.split(/\s+/).map((pair) => {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=([^"'\s$]*)$/.exec(pair);
    if (!match) throw new Error(`${file}: ENV ${rest}: expected KEY=value pairs without quotes or variables`);
    return [match[1]!, match[2]!];
  });
}

export function readDockerfile(file: string): ImageConfig {
  let workdir = "/";
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  const env: Record<string, string> = {};
  const run: string[] = [];
  for (const { keyword, rest } of dockerfileInstructions(readFileSync(file, "utf8"))) {
    if (keyword === "FROM") {
      // A multi-stage build would need its stages modelled; this repository's images have one.
      if (run.length > 0 || entrypoint.length > 0) throw new Error(`${file}: a second FROM; the test models single-stage images only`);
    } else if (keyword === "WORKDIR") workdir = rest;
    else if (keyword === "ENTRYPOINT") {
      entrypoint = execForm(file, keyword, rest);
      cmd = []; // as Docker does: a later ENTRYPOINT resets an earlier CMD
    } else if (keyword === "CMD") cmd = execForm(file, keyword, rest);
    else if (keyword === "ENV") for (const [k, v] of envPairs(file, rest)) env[k] = v;
    else if (keyword === "RUN") run.push(rest);
  }
  if (entrypoint.length === 0 && cmd.length === 0) throw new Error(`${file}: neither ENTRYPOINT nor CMD; the image would run its base image's command`);
  return { file, workdir, entrypoint, cmd, env, run };
}
