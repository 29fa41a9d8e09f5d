import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FileWriteError, writeFilesAtomic } from "../../lib/fs/write-atomic.ts";

describe("writeFilesAtomic", () => {
  it("writes every file, creating their folders", async () => {
    const root = mkdtempSync(join(tmpdir(), "stratum-write-"));
    await writeFilesAtomic([{ path: join(root, "a.json"), text: "a" }, { path: join(root, "sub", "b.md"), text: "b" }]);
    expect([readFileSync(join(root, "a.json"), "utf8"), readFileSync(join(root, "sub", "b.md"), "utf8")]).toEqual(["a", "b"]);
    expect(readdirSync(root).sort()).toEqual(["a.json", "sub"]);
  });

  it("changes none of them when one cannot be written, names that one, and leaves no temp file", async () => {
    const root = mkdtempSync(join(tmpdir(), "stratum-write-"));
    writeFileSync(join(root, "a.json"), "old");
    writeFileSync(join(root, "not-a-folder"), "");
    const failing = join(root, "not-a-folder", "b.md");
    const error = await writeFilesAtomic([{ path: join(root, "a.json"), text: "new" }, { path: failing, text: "b" }]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileWriteError);
    expect(error).toMatchObject({ file: failing, code: "ENOTDIR" });
    expect(readFileSync(join(root, "a.json"), "utf8")).toBe("old");
    expect(readdirSync(root).sort()).toEqual(["a.json", "not-a-folder"]);
  });
});
