import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { runOnce } from "./run-once.ts";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const fresh = () => (dir = mkdtempSync(join(tmpdir(), "stratum-run-once-")));

describe("runOnce", () => {
  it("makes the text once for every caller of the key, and each gets it", async () => {
    fresh();
    let made = 0;
    const produce = async () => {
      made++;
      await sleep(100);
      return `plan ${made}`;
    };
    const results = await Promise.all([runOnce(dir, "plan-dev-aws", produce), runOnce(dir, "plan-dev-aws", produce), runOnce(dir, "plan-dev-aws", produce)]);
    expect(results).toEqual(["plan 1", "plan 1", "plan 1"]);
    expect(made).toBe(1);
    expect(await runOnce(dir, "plan-prod-aws", produce)).toBe("plan 2");
  });

  it("waits for a live process's claim and reads what it writes", async () => {
    fresh();
    writeFileSync(join(dir, "plan-dev-aws.claim"), String(process.pid));
    setTimeout(() => writeFileSync(join(dir, "plan-dev-aws.out"), "theirs"), 150);
    expect(await runOnce(dir, "plan-dev-aws", async () => "ours")).toBe("theirs");
  });

  it("takes over the claim of a process that has died, and writes the text whole", async () => {
    fresh();
    const gone = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" }).stdout;
    writeFileSync(join(dir, "plan-dev-aws.claim"), gone);
    expect(await runOnce(dir, "plan-dev-aws", async () => "ours")).toBe("ours");
    expect(readFileSync(join(dir, "plan-dev-aws.out"), "utf8")).toBe("ours");
    expect(existsSync(join(dir, "plan-dev-aws.out.partial"))).toBe(false);
  });

  it("drops its claim when the work fails, so the next caller makes it (and meets the error itself)", async () => {
    fresh();
    await expect(runOnce(dir, "plan-dev-aws", async () => Promise.reject(new Error("the plan failed")))).rejects.toThrow("the plan failed");
    expect(existsSync(join(dir, "plan-dev-aws.claim"))).toBe(false);
    expect(existsSync(join(dir, "plan-dev-aws.out"))).toBe(false);
    expect(await runOnce(dir, "plan-dev-aws", async () => "second try")).toBe("second try");
  });

  it("refuses a key that is not a plain name", async () => {
    fresh();
    await expect(runOnce(dir, "../escape", async () => "x")).rejects.toThrow('runOnce: key "../escape" is not a plain name');
  });
});
