import { mkdir, stat } from "node:fs/promises";
import path from "node:path";

/**
 * Creates a folder and any missing parents, one level at a time. Node's `mkdir({ recursive: true })` never
 * returns for some paths on special file systems (e.g. `/proc/x`); one non-recursive call per level fails fast.
 */
export async function makeDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    if (await exists(current)) break;
    missing.unshift(current);
    if (path.dirname(current) === current) break;
  }
  for (const folder of missing) {
    try {
      await mkdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
}

/** The nearest folder at or above `dir` that exists, and whether it is a folder at all. */
export async function nearestExisting(dir: string): Promise<{ path: string; isDirectory: boolean }> {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    const info = await stat(current).catch(() => undefined);
    if (info) return { path: current, isDirectory: info.isDirectory() };
    if (path.dirname(current) === current) return { path: current, isDirectory: false };
  }
}

async function exists(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined)) !== undefined;
}
