import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

/** How long a process waits for another to finish the work it claimed before it gives up, naming both. */
const waitLimitMs = 180_000;

/** Whether a process with this id is running (signal 0 checks without sending anything). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * The text `produce` makes, made once in `dir` for every test process that asks for `key` in this run: the first
 * to ask claims the key (a `<key>.claim` file holding its process id, created exclusively), makes the text and
 * writes `<key>.out` whole (written aside, then renamed); the others wait for that file. When the claimant fails,
 * it drops its claim and the next to ask makes the text itself (and meets the same error); when it has died, the
 * next takes its claim over. `key` must be a plain name (letters, digits, `-`, `.`).
 */
export async function runOnce(dir: string, key: string, produce: () => Promise<string>): Promise<string> {
  if (!/^[a-z0-9][a-z0-9.-]*$/i.test(key)) throw new Error(`runOnce: key ${JSON.stringify(key)} is not a plain name (letters, digits, "-" and ".")`);
  const out = join(dir, `${key}.out`);
  const claim = join(dir, `${key}.claim`);
  const started = Date.now();
  for (;;) {
    if (existsSync(out)) return readFileSync(out, "utf8");
    try {
      writeFileSync(claim, String(process.pid), { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = Number(readFileSync(claim, "utf8"));
      // A claim is written in one call; an empty one is being written right now.
      if (Number.isInteger(owner) && owner > 0 && !running(owner)) rmSync(claim, { force: true });
      else if (Date.now() - started > waitLimitMs) throw new Error(`runOnce: process ${owner} claimed ${key} in ${dir} and has not finished it after ${waitLimitMs / 1000} s`);
      else await sleep(50);
      continue;
    }
    try {
      const text = await produce();
      writeFileSync(`${out}.partial`, text);
      renameSync(`${out}.partial`, out);
      return text;
    } catch (error) {
      rmSync(claim, { force: true });
      throw error;
    }
  }
}
