import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDockerfile as readForConsistency } from "../consistency/dockerfile.ts";
import { readDockerfile as readForE2e } from "../e2e/dockerfile.ts";
import { dockerfileInstructions } from "./dockerfile.ts";

const text = ['# a comment', "from node:24", "", "WORKDIR /app", 'CMD ["node", "old.js"]', "ENTRYPOINT \\", '  ["node", "server.js"]', "env PORT=8080"].join("\n");

describe("the one Dockerfile reader both suites use", () => {
  it("drops comments and blank lines, joins continuations and upper-cases keywords", () => {
    expect(dockerfileInstructions(text)).toEqual([
      { keyword: "FROM", rest: "node:24" },
      { keyword: "WORKDIR", rest: "/app" },
      { keyword: "CMD", rest: '["node", "old.js"]' },
      { keyword: "ENTRYPOINT", rest: '["node", "server.js"]' },
      { keyword: "ENV", rest: "PORT=8080" },
    ]);
  });

  it("gives both suites the same image: a later ENTRYPOINT resets an earlier CMD, as Docker does", () => {
    const dir = mkdtempSync(join(tmpdir(), "stratum-dockerfile-"));
    writeFileSync(join(dir, "Dockerfile"), text);
    const e2e = readForE2e(join(dir, "Dockerfile"));
    const consistency = readForConsistency(dir)!;
    expect([e2e.entrypoint, e2e.cmd, e2e.env]).toEqual([["node", "server.js"], [], { PORT: "8080" }]);
    expect([consistency.entrypoint, consistency.cmd, consistency.env]).toEqual([["node", "server.js"], undefined, { PORT: "8080" }]);
  });
});
