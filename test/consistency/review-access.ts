import { celHolds, type CelValue } from "../../lib/permissions/cel.ts";
import type { PlanReport } from "../../lib/plan/model.ts";
import { reviewGuardName as guardName, reviewKubernetesGroup } from "../../components/review/names.ts";
import { ofType, type Inputs } from "./plan-resources.ts";

const bindingType = "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding";
const policyType = "kubernetes:admissionregistration.k8s.io/v1:ValidatingAdmissionPolicy";

/** Whether the admission policy's match condition judges a request of this user in these groups. */
const judged = (expression: string, username: string, groups: readonly string[]) =>
  celHolds(expression, { request: { userInfo: { username, groups: [...groups] } } as unknown as CelValue });

/**
 * In a stack that hosts review environments, whatever the review namespace guard binds cluster-wide (its group,
 * and on GKE and AKS the review identity's users) must be judged by its admission policy, which confines it to
 * `pr-<digits>` namespaces: a subject bound and not judged would hold the workload tier's rights in every
 * namespace. Judging someone else (another user) would refuse them outside review namespaces. Evaluates the
 * policy's CEL on each subject.
 */
export function reviewGuardFindings(plan: PlanReport): string[] {
  const policy = ofType(plan, policyType).find((r) => r.name === guardName);
  if (!policy) return [`${plan.stack}: no ValidatingAdmissionPolicy ${guardName}, though the stack hosts review environments`];
  const expression = String((policy.inputs as Inputs)["spec"].matchConditions[0].expression);
  const subjects = ofType(plan, bindingType)
    .filter((r) => r.name.startsWith(guardName))
    .flatMap((r) => ((r.inputs as Inputs)["subjects"] as { kind: string; name: string }[]).map((s) => ({ ...s, binding: r.name })));
  const findings: string[] = [];
  for (const s of subjects) {
    const holds = s.kind === "Group" ? judged(expression, "someone", [s.name]) : judged(expression, s.name, []);
    if (!holds) findings.push(`${plan.stack}: ClusterRoleBinding ${s.binding} binds ${s.kind} ${s.name}, which the admission policy ${guardName} does not judge (${expression})`);
  }
  if (!subjects.some((s) => s.kind === "Group" && s.name === reviewKubernetesGroup)) findings.push(`${plan.stack}: the guard binds no group ${reviewKubernetesGroup}`);
  if (judged(expression, "system:serviceaccount:default:other", ["system:authenticated"])) findings.push(`${plan.stack}: the admission policy ${guardName} judges a user it binds nothing to`);
  return findings;
}
