import { beforeAll, describe, expect, it } from "vitest";
import type { Cloud, Environment } from "../spec/index.ts";
import { tiers } from "../../lib/plan/tiers.ts";
import { assertionsFor, type Assertion } from "./assertions.ts";
import { loadConformance } from "./clouds.ts";

export { loadConformance };
import type { CloudConformance } from "./inspector.ts";
import { inventory, planFixtureStack, type PlannedStack } from "./plan-stack.ts";

const environments = ["dev", "prod"] as const satisfies readonly Environment[];

/** A deep copy of a plan, to mutate without touching the one the other tests read. */
function copyOf(plan: PlannedStack): PlannedStack {
  return { ...plan, resources: structuredClone(plan.resources), outputs: structuredClone(plan.outputs) };
}

/**
 * The security properties every cloud's implementation promises, asserted on the offline plans of the suite's own
 * fixture stacks of that cloud (`fixtures/Pulumi.conformance-<env>-<cloud>.yaml`, the whole reference platform in
 * dev and in prod; `plan` plans one, by default as `stratum plan` does): every rule of the policy catalogue through the evaluation `stratum plan` and the pack use,
 * then what no rule sees through the cloud's inspector. Each assertion is then shown to fail on a mutated plan.
 */
export function describeConformance(cloud: Cloud, conformance: CloudConformance, plan: (stack: string) => Promise<PlannedStack> = planFixtureStack): void {
  const assertions = assertionsFor(cloud);
  describe(`conformance: ${cloud}`, () => {
    const plans = {} as Record<Environment, PlannedStack>;
    const stack = (environment: Environment) => `conformance-${environment}-${cloud}`;
    beforeAll(async () => {
      for (const environment of environments) plans[environment] = await plan(stack(environment));
    });
    const problems = (assertion: Assertion, plan: PlannedStack) => assertion.problems(plan, conformance.inspector);

    for (const environment of environments) {
      describe(`${stack(environment)} (${environment})`, () => {
        it("plans resources in every tier", () => {
          const byTier = inventory(plans[environment]);
          for (const tier of tiers) expect(byTier[tier].length, `${tier} tier`).toBeGreaterThan(0);
        });

        it.each(assertions.map((a) => [a.promise, a] as const))("%s", (_, assertion) => {
          expect(problems(assertion, plans[environment])).toEqual([]);
        });
      });
    }

    describe("each assertion fails on a plan that breaks it", () => {
      it("every assertion has a mutation of this cloud's plans, and every mutation an assertion", () => {
        expect(assertions.filter((a) => (conformance.mutations[a.id] ?? []).length === 0).map((a) => a.id)).toEqual([]);
        expect(Object.keys(conformance.mutations).filter((id) => !assertions.some((a) => a.id === id))).toEqual([]);
      });

      const cases = assertions.flatMap((assertion) =>
        (conformance.mutations[assertion.id] ?? []).flatMap((mutation) =>
          environments.filter((e) => mutation.environment === undefined || mutation.environment === e).map((environment) => [assertion.id, environment, mutation.what, assertion, mutation] as const),
        ),
      );
      it.each(cases)("%s (%s): %s", (_, environment, what, assertion, mutation) => {
        const plan = copyOf(plans[environment]);
        mutation.mutate(plan);
        expect(problems(assertion, plan), what).not.toEqual([]);
      });
    });
  });
}

