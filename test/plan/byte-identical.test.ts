import { describe, expect, it } from "vitest";
import { takeWarnings } from "../../components/warnings.ts";
import { listStacks } from "../../lib/stack-config/stack-config.ts";
import { loadProgram } from "../../lib/plan/load-program.ts";
import { planStack, prepareStack } from "../../lib/plan/plan-stack.ts";
import { allRules } from "../../policy/rules/index.ts";
import { loadPolicyWaivers } from "../../policy/waivers.ts";
import { examplePlan } from "../support/example-plans.ts";
import { repoRoot } from "../support/shared-dir.ts";

/**
 * The offline plan takes shortcuts through the SDK: it leaves out what the SDK computes only for the engine
 * (lib/plan/engine-bookkeeping.ts), answers registrations without protobuf (lib/plan/mock-registration.ts) and
 * makes a resource's outputs only when the program reads them (lib/plan/deferred-outputs.ts).
 * That is sound only while the plan stays what the SDK and its mock monitor, run exactly as they are, record:
 * every example stack, planned here with the SDK in full, gives the report the shared example plan (planned as
 * `stratum plan` plans, with the shortcuts) has, byte for byte.
 */
describe("the offline plan with its shortcuts through the SDK", () => {
  for (const stack of listStacks(repoRoot)) {
    it(`records ${stack} exactly as the SDK and its mock monitor run in full do`, async () => {
      const waivers = loadPolicyWaivers(repoRoot, undefined, allRules.map((r) => r.id));
      const full = await planStack(prepareStack(repoRoot, stack), await loadProgram(repoRoot), { sdkShortcuts: "off", waivers, takeWarnings });
      const withShortcuts = await examplePlan(stack);
      expect(full.resources.length).toBeGreaterThan(100);
      expect(JSON.stringify(withShortcuts)).toBe(JSON.stringify(full));
    });
  }
});
