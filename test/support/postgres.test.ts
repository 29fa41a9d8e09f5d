import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { findPostgresBin, startPostgres } from "./postgres.ts";

const scratch = mkdtempSync(path.join(tmpdir(), "pg-bin-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fakeBin(dir: string): string {
  mkdirSync(dir, { recursive: true });
  for (const b of ["initdb", "pg_ctl", "postgres"]) writeFileSync(path.join(dir, b), "");
  return dir;
}

describe("findPostgresBin", () => {
  it("fails, saying how CI installs PostgreSQL, when the binaries are nowhere", () => {
    expect(() => findPostgresBin("", path.join(scratch, "none"))).toThrow(
      /initdb, pg_ctl, postgres\) not found on PATH nor in .*\/none\/\*\/bin; \.ci\/run installs the Debian package `postgresql`/,
    );
  });

  it("takes PATH first, else the newest Debian major version's bin", () => {
    const debian = path.join(scratch, "debian");
    fakeBin(path.join(debian, "9/bin"));
    const newest = fakeBin(path.join(debian, "15/bin"));
    mkdirSync(path.join(debian, "common"));
    expect(findPostgresBin("/nonexistent", debian)).toBe(newest);
    const onPath = fakeBin(path.join(scratch, "on-path"));
    expect(findPostgresBin(`/nonexistent:${onPath}`, debian)).toBe(onPath);
  });
});

describe("startPostgres", () => {
  it("runs a real server on 127.0.0.1 only, with passwords required, and stop() ends it by pid and removes its files", async () => {
    const server = await startPostgres();
    let dataDir = "";
    try {
      const rows = await server.query<{ version: string; listen: string; data: string }>(
        "SELECT current_setting('server_version_num') AS version, current_setting('listen_addresses') AS listen, current_setting('data_directory') AS data",
      );
      expect(Number(rows[0]?.version)).toBeGreaterThanOrEqual(150000);
      expect(rows[0]?.listen).toBe("127.0.0.1");
      dataDir = rows[0]!.data;
      const wrong = new pg.Client({ ...server.clientConfig(), password: "wrong" });
      await expect(wrong.connect()).rejects.toMatchObject({ code: "28P01" });
    } finally {
      await server.stop();
    }
    expect(() => process.kill(server.pid, 0)).toThrow();
    expect(existsSync(dataDir)).toBe(false);
  });
});

describe("startPostgres on an address and port of its own", () => {
  it("listens on the loopback address and port asked for, nowhere else, and refuses an address that is not loopback", async () => {
    const host = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.9`;
    const server = await startPostgres({ host, port: 5432 });
    try {
      const rows = await server.query<{ listen: string; port: string }>("SELECT current_setting('listen_addresses') AS listen, current_setting('port') AS port");
      expect(rows).toEqual([{ listen: host, port: "5432" }]);
      expect(server.clientConfig()).toMatchObject({ host, port: 5432 });
      const elsewhere = new pg.Client({ ...server.clientConfig(), host: "127.0.0.1" });
      await expect(elsewhere.connect()).rejects.toMatchObject({ code: "ECONNREFUSED" });
    } finally {
      await server.stop();
    }
    await expect(startPostgres({ host: "0.0.0.0" })).rejects.toThrow('host: "0.0.0.0" is not a loopback address 127.x.y.z');
  });
});
