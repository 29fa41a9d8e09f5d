import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeDirectory } from "./make-directory.ts";

/**
 * Writes a file whole or not at all: a temp file beside it, then a rename (atomic on one file system), so a
 * crash or a full disk never leaves a half-written verdict for the deploy to read.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  await makeDirectory(path.dirname(file));
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
