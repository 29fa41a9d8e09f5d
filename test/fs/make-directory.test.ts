import { mkdtempSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeDirectory, nearestExisting } from "../../lib/fs/make-directory.ts";

describe("makeDirectory", () => {
  it("creates every missing level, and is idempotent", async () => {
    const root = mkdtempSync(join(tmpdir(), "stratum-mkdir-"));
    const deep = join(root, "a", "b", "c");
    await makeDirectory(deep);
    await makeDirectory(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
  });

  it("fails at once, with the system's code, below a file", async () => {
    const root = mkdtempSync(join(tmpdir(), "stratum-mkdir-"));
    writeFileSync(join(root, "file"), "");
    await expect(makeDirectory(join(root, "file", "x", "y"))).rejects.toMatchObject({ code: "ENOTDIR" });
  });

  it("names the nearest existing ancestor and whether it is a folder", async () => {
    const root = mkdtempSync(join(tmpdir(), "stratum-mkdir-"));
    writeFileSync(join(root, "file"), "");
    expect(await nearestExisting(join(root, "x", "y"))).toEqual({ path: root, isDirectory: true });
    expect(await nearestExisting(join(root, "file", "y"))).toEqual({ path: join(root, "file"), isDirectory: false });
  });
});
