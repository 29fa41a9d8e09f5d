import { describe, expect, it } from "vitest";
import { listStacks } from "../../lib/stack-config/stack-config.ts";
import { loadProgram } from "../../lib/plan/load-program.ts";
import { planStack, prepareStack } from "../../lib/plan/plan-stack.ts";
import { repoRoot } from "../support/shared-dir.ts";

/**
 * The offline plan takes shortcuts through the SDK: it leaves out what the SDK computes only for the engine
 * (lib/plan/engine-bookkeeping.ts) and answers registrations without protobuf (lib/plan/mock-registration.ts).
 * That is sound only while the plan stays what the SDK and its mock monitor, run exactly as they are, record:
 * every example stack, planned both ways in one process, gives the same report, byte for byte.
 */
describe("the offline plan with its shortcuts through the SDK", () => {
  for (const stack of listStacks(repoRoot)) {
    it(`records ${stack} exactly as the SDK and its mock monitor run in full do`, async () => {
      const program = await loadProgram(repoRoot);
      const today = new Date("2026-06-01T00:00:00Z");
      const full = await planStack(prepareStack(repoRoot, stack), program, { sdkShortcuts: "off", today });
      const skipped = await planStack(prepareStack(repoRoot, stack), program, { today });
      expect(full.resources.length).toBeGreaterThan(100);
      expect(JSON.stringify(skipped)).toBe(JSON.stringify(full));
    });
  }
});
