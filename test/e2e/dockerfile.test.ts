import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../support/shared-dir.ts";
import { containerArgv, readDockerfile } from "./dockerfile.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "dockerfile-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const dockerfile = (text: string) => {
  const file = path.join(scratch, `Dockerfile-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text);
  return file;
};

describe("readDockerfile", () => {
  it("reads what the examples' images run: their ENV, WORKDIR, ENTRYPOINT or CMD, and RUN lines", () => {
    expect(readDockerfile(path.join(repoRoot, "examples/orders/Dockerfile"))).toMatchObject({ workdir: "/app", entrypoint: [], cmd: ["node", "server.js"], env: { NODE_ENV: "production", PORT: "8080" } });
    expect(readDockerfile(path.join(repoRoot, "examples/model-server/Dockerfile"))).toMatchObject({ entrypoint: ["node", "server.js"], cmd: [], run: ["node train.js"] });
    expect(readDockerfile(path.join(repoRoot, "examples/etl/Dockerfile"))).toMatchObject({ cmd: ["node", "etl.js"], env: { NODE_ENV: "production" } });
  });

  it("refuses what it does not model rather than guess: the shell form, quoted ENV, no command at all", () => {
    expect(() => readDockerfile(dockerfile("FROM x\nCMD node server.js\n"))).toThrow("CMD node server.js: expected the exec form, a JSON array of strings");
    expect(() => readDockerfile(dockerfile('FROM x\nENV A="b c"\nCMD ["node"]\n'))).toThrow('ENV A="b c": expected KEY=value pairs without quotes or variables');
    expect(() => readDockerfile(dockerfile("FROM x\nRUN true\n"))).toThrow("neither ENTRYPOINT nor CMD");
  });
});

describe("containerArgv, as Kubernetes combines a container's command and args with the image's", () => {
  const image = { ...readDockerfile(dockerfile('FROM x\nENTRYPOINT ["node", "server.js"]\nCMD ["--verbose"]\n')) };
  it.each([
    ["neither: the image's ENTRYPOINT and CMD", {}, ["node", "server.js", "--verbose"]],
    ["args only: they replace the CMD", { args: ["serve"] }, ["node", "server.js", "serve"]],
    ["command only: it replaces both", { command: ["node", "migrate.js"] }, ["node", "migrate.js"]],
    ["both: command and args", { command: ["node", "etl.js"], args: ["--run-date", "2026-11-29"] }, ["node", "etl.js", "--run-date", "2026-11-29"]],
  ])("%s", (_name, container, argv) => {
    expect(containerArgv(image, container)).toEqual(argv);
  });
});
