import { describe, expect, it } from "vitest";
import { listStacks } from "../../lib/stack-config/stack-config.ts";
import { loadProgram } from "../../lib/plan/load-program.ts";
import { planStack, prepareStack } from "../../lib/plan/plan-stack.ts";
import { repoRoot } from "../support/shared-dir.ts";

/**
 * The offline plan leaves out what the SDK computes only for the engine (lib/plan/engine-bookkeeping.ts). That
 * is sound only while the plan stays what the SDK, run as `pulumi up` runs it, would record: every example stack,
 * planned both ways in one process, gives the same report, byte for byte.
 */
describe("the offline plan without the engine's bookkeeping", () => {
  for (const stack of listStacks(repoRoot)) {
    it(`records ${stack} exactly as the SDK run in full does`, async () => {
      const program = await loadProgram(repoRoot);
      const today = new Date("2026-06-01T00:00:00Z");
      const full = await planStack(prepareStack(repoRoot, stack), program, { engineBookkeeping: "keep", today });
      const skipped = await planStack(prepareStack(repoRoot, stack), program, { today });
      expect(full.resources.length).toBeGreaterThan(100);
      expect(JSON.stringify(skipped)).toBe(JSON.stringify(full));
    });
  }
});
