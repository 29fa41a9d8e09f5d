import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { makeDirectory } from "./make-directory.ts";

/** A temp file beside `file`, on the same file system, so renaming it into place is atomic. */
const tempBeside = (file: string) => path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);

/**
 * Writes a file whole or not at all: a temp file beside it, then a rename (atomic on one file system), so a
 * crash or a full disk never leaves a half-written verdict for the deploy to read.
 */
export async function writeFileAtomic(file: string, text: string): Promise<void> {
  const temp = tempBeside(file);
  await makeDirectory(path.dirname(file));
  try {
    await writeFile(temp, text, { flag: "wx" });
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/**
 * Writes a set of files (a run's reports) whole or not at all: every file to a temp file beside it first, and only
 * when all are written is each renamed into place, so a failed write (a full disk, a folder that cannot be
 * written) leaves none of them changed. The error names the file whose write failed.
 */
export async function writeFilesAtomic(files: readonly { readonly path: string; readonly text: string }[]): Promise<void> {
  const temps: string[] = [];
  try {
    for (const file of files) {
      try {
        await makeDirectory(path.dirname(file.path));
        const temp = tempBeside(file.path);
        temps.push(temp);
        await writeFile(temp, file.text, { flag: "wx" });
      } catch (error) {
        throw new FileWriteError(file.path, error);
      }
    }
  } catch (error) {
    // A temp file that was never made may not even have a folder to be looked for in (ENOTDIR): ignored.
    await Promise.all(temps.map((temp) => rm(temp, { force: true }).catch(() => {})));
    throw error;
  }
  for (const [i, file] of files.entries()) await rename(temps[i]!, file.path);
}

/** A write of `writeFilesAtomic` that failed: the file, and the system's error code. */
export class FileWriteError extends Error {
  readonly file: string;
  readonly code: string | undefined;
  constructor(file: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException).code;
    super(`${file}: ${code ?? String(cause)}`, { cause });
    this.file = file;
    this.code = code;
  }
}
