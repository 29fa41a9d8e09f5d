import { beforeAll, describe, expect, it } from "vitest";
import type { PlannedStack } from "../../components/conformance/plan-stack.ts";
import { workflowPlatform } from "../../workflows/platform.ts";
import { loadStackSpecs } from "../../workflows/synth.ts";
import { repoRoot } from "../support/shared-dir.ts";
import { planAll, stackNames } from "./fixture.ts";
import { mutated } from "./plan-view.ts";
import { reviewGuardFindings } from "./review-access.ts";

let plans: Map<string, PlannedStack>;
beforeAll(async () => {
  plans = await planAll();
});

/** The stacks that host review environments: each cloud's dev stack. */
const hosts = stackNames.filter((s) => s.startsWith("dev-"));

describe.each(hosts)("%s: what a review environment is given, and what confines it", (stack) => {
  it("the review namespace guard's admission policy judges every subject its ClusterRoleBindings bind, and no one else", () => {
    expect(reviewGuardFindings(plans.get(stack)!)).toEqual([]);
  });

  it("the review workflow declares access on exactly the workload identities the stack exports (workloadRoles)", () => {
    const cloud = plans.get(stack)!.cloud;
    const platform = workflowPlatform(loadStackSpecs(repoRoot).filter((s) => s.cloud === cloud));
    expect(platform.review?.baseStack.name).toBe(stack);
    const exported = Object.keys((plans.get(stack)!.outputs["workloadRoles"] ?? {}) as Record<string, unknown>).sort();
    expect(exported.length).toBeGreaterThan(0);
    expect([...platform.review!.identifiedWorkloads].sort()).toEqual(exported);
  });
});

describe("the review guard check on a broken wire", () => {
  it("names the user a binding grants and the admission policy no longer judges (dev-azure: the review identity)", () => {
    const plan = mutated(plans.get("dev-azure")!, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy", "stratum-review-namespaces", (i) => {
      i["spec"].matchConditions[0].expression = "'stratum-review' in request.userInfo.groups";
    });
    const findings = reviewGuardFindings(plan);
    expect(findings).toHaveLength(2);
    expect(findings[0]).toMatch(/^dev-azure: ClusterRoleBinding stratum-review-namespaces binds User [0-9a-f-]{36}, which the admission policy stratum-review-namespaces does not judge/);
  });
});
