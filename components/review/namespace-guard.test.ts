import { beforeAll, describe, expect, it } from "vitest";
import type { PlanResource } from "../../lib/plan/model.ts";
import { recordProgram } from "../../lib/plan/record.ts";
import { awsOffline } from "../clouds/aws/offline.ts";
import { isUserInputError } from "../../lib/cli/errors.ts";
import { type PlannedStack } from "../conformance/plan-stack.ts";
import { schemaErrors, unknownKeys } from "../kubernetes/testing/openapi.ts";
import { exampleSpec } from "../kubernetes/testing/fixture.ts";
import { ReviewNamespaceGuard, reviewAdmissionExpression, reviewMatchCondition } from "./namespace-guard.ts";
import { reviewNamespacePattern } from "./names.ts";
import { examplePlannedStack } from "../../test/support/example-plans.ts";

let dev: PlannedStack;
let prod: PlannedStack;
beforeAll(async () => {
  dev = await examplePlannedStack("dev-aws");
  prod = await examplePlannedStack("prod-aws");
}, 120_000);

const guardTypes = /ClusterRole|ValidatingAdmissionPolicy/;
const one = (plan: PlannedStack, type: string): PlanResource => {
  const found = plan.resources.filter((r) => r.type === type);
  expect(found, type).toHaveLength(1);
  return found[0]!;
};

describe("the dev cluster's review namespace guard", () => {
  it("lets the stratum-review group create, read, apply and delete namespaces, and nothing else cluster-wide", () => {
    expect(one(dev, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole").inputs["rules"]).toEqual([{ apiGroups: [""], resources: ["namespaces"], verbs: ["create", "delete", "get", "list", "patch", "watch"] }]);
    expect(one(dev, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding").inputs).toMatchObject({
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "stratum-review-namespaces" },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "stratum-review" }],
    });
  });

  it("denies that group, by a ValidatingAdmissionPolicy bound with Deny, every request outside pr-<digits> namespaces", () => {
    const policy = one(dev, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy").inputs;
    expect(policy["spec"]).toEqual({
      failurePolicy: "Fail",
      matchConstraints: { resourceRules: [{ apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*", "*/*"], scope: "*" }] },
      matchConditions: [{ name: "review-identity", expression: "'stratum-review' in request.userInfo.groups" }],
      validations: [
        {
          expression:
            "request.resource.group == '' && request.resource.resource == 'namespaces' ? request.name.matches('^pr-[0-9]+$') : request.namespace.matches('^pr-[0-9]+$')",
          message: "the review identity may act only in namespaces matching ^pr-[0-9]+$",
          reason: "Forbidden",
        },
      ],
    });
    expect(one(dev, "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicyBinding").inputs["spec"]).toEqual({ policyName: "stratum-review-namespaces", validationActions: ["Deny"] });
    expect((policy["spec"] as { matchConditions: { expression: string }[] }).matchConditions[0]!.expression).toBe(reviewMatchCondition);
  });

  it("validates against the Kubernetes OpenAPI schema", async () => {
    for (const r of dev.resources.filter((x) => guardTypes.test(x.type))) {
      expect(await schemaErrors(r.type, r.inputs), r.type).toEqual([]);
      expect(unknownKeys(r.type, r.inputs), r.type).toEqual([]);
    }
  });

  it("names review namespaces with a pattern that admits pr-<digits> and nothing else", () => {
    // The CEL expression itself is not evaluated here: no CEL interpreter is among the project's dependencies.
    // Its exact text is checked above; this checks the one regular expression it applies (RE2, as CEL's
    // `matches` uses; this pattern's syntax means the same in RE2 and JavaScript) on the names that matter.
    expect(reviewAdmissionExpression.match(/matches\('([^']+)'\)/g)).toEqual([`matches('${reviewNamespacePattern}')`, `matches('${reviewNamespacePattern}')`]);
    const pattern = new RegExp(reviewNamespacePattern);
    for (const name of ["pr-1", "pr-123", "pr-99999999"]) expect(pattern.test(name), name).toBe(true);
    for (const name of ["acme-dev", "kube-system", "default", "pr-", "pr-12a", "pr-foo", "xpr-12", "pr-12-x", "PR-12", "", "pr-12\n"]) expect(pattern.test(name), JSON.stringify(name)).toBe(false);
  });

  it("exists only in dev stacks", () => {
    expect(prod.resources.filter((r) => guardTypes.test(r.type))).toEqual([]);
  });

  it("refuses a dev cluster older than Kubernetes 1.30, naming the key", async () => {
    const spec = exampleSpec("dev-aws", { infra: { cluster: { version: "1.29" } } });
    const error = await recordProgram({
      project: "stratum",
      stack: "dev-aws",
      config: {},
      region: "us-east-1",
      offline: awsOffline,
      program: async () => {
        new ReviewNamespaceGuard("guard", spec, {});
      },
    }).catch((e: unknown) => e);
    expect(isUserInputError(error)).toBe(true);
    expect((error as { problems: string[] }).problems).toEqual([expect.stringMatching(/^stratum:infra\.cluster\.version: got "1\.29", expected 1\.30 or newer/)]);
  });
});
