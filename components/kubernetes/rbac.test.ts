import { beforeAll, expect, test } from "vitest";
import { exampleSpec, planWorkloads, type WorkloadsPlan } from "./testing/fixture.ts";

let plan: WorkloadsPlan;
beforeAll(async () => {
  plan = await planWorkloads(exampleSpec("dev-aws"));
});

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[] };
const rulesOf = (role: string) => plan.resources.find((r) => r.type.endsWith(":Role") && r.name === `acme-dev-${role}`)!.inputs["rules"] as Rule[];

test("each team is bound, as its group, to its access level's Role in the app namespace", () => {
  const bindings = plan.resources.filter((r) => r.type === "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").map((r) => r.inputs);
  expect(bindings).toEqual([
    expect.objectContaining({ metadata: { name: "team-analysts", namespace: "acme-dev" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "viewer" }, subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "arn:aws:iam::111122223333:role/analysts" }] }),
    expect.objectContaining({ metadata: { name: "team-platform", namespace: "acme-dev" }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "deployer" }, subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: "arn:aws:iam::111122223333:role/platform-engineers" }] }),
  ]);
});

test("viewers only read, and never Secrets", () => {
  const rules = rulesOf("viewer");
  expect(rules.flatMap((r) => r.verbs).every((v) => ["get", "list", "watch"].includes(v))).toBe(true);
  expect(rules.flatMap((r) => r.resources)).not.toContain("secrets");
});

test("deployers also roll Deployments and create Jobs, and nothing more", () => {
  const writes = rulesOf("deployer").filter((r) => r.verbs.some((v) => !["get", "list", "watch"].includes(v)));
  expect(writes).toEqual([
    { apiGroups: ["apps"], resources: ["deployments", "deployments/scale"], verbs: ["update", "patch"] },
    { apiGroups: ["batch"], resources: ["jobs"], verbs: ["create"] },
  ]);
  expect(rulesOf("deployer").flatMap((r) => r.resources)).not.toContain("secrets");
});

test("no cluster-wide role or binding, and no wildcard", () => {
  expect(plan.resources.filter((r) => /ClusterRole/.test(r.type))).toEqual([]);
  for (const role of ["viewer", "deployer"]) expect(JSON.stringify(rulesOf(role))).not.toContain("*");
});
