import * as pulumi from "@pulumi/pulumi";
import { ClusterRole, ClusterRoleBinding } from "@pulumi/kubernetes/rbac/v1/index.js";
import { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from "@pulumi/kubernetes/admissionregistration/v1/index.js";
import { SpecError } from "../spec/load.ts";
import type { PlatformSpec } from "../spec/index.ts";
import { reviewGuardName, reviewKubernetesGroup, reviewNamespacePattern } from "./names.ts";
import { ciDeployRules } from "../kubernetes/rbac.ts";

/** `admissionregistration.k8s.io/v1` ValidatingAdmissionPolicy is served from Kubernetes 1.30. */
export const minimumKubernetesMinor = 30;

const policyName = reviewGuardName;

/**
 * Whatever the review identity asks of the API server is admitted only when it is about a `pr-<digits>`
 * namespace: the Namespace object itself (create, update, delete) by its name, anything namespaced by its
 * namespace. Cluster-scoped requests other than those Namespaces are refused too. CEL on the admission request:
 * for a Namespace, `request.name` is its name (empty for a generateName create, which is refused).
 */
export const reviewAdmissionExpression =
  `request.resource.group == '' && request.resource.resource == 'namespaces' ? request.name.matches('${reviewNamespacePattern}') : request.namespace.matches('${reviewNamespacePattern}')`;
/** Which requests the policy judges: those of the review identity's group, and no one else's. */
export const reviewMatchCondition = `'${reviewKubernetesGroup}' in request.userInfo.groups`;

/**
 * The same, where the cluster authenticates the review identity as users it cannot put in a group (GKE: the
 * workload identity pool's subject; AKS: the managed identity's object id): those users' requests are judged too.
 */
export function reviewMatchConditionFor(users: readonly string[]): string {
  return users.length === 0 ? reviewMatchCondition : `${reviewMatchCondition} || request.userInfo.username in [${users.map((u) => `'${u.replace(/'/g, "")}'`).join(", ")}]`;
}

/** The namespace rights of the review group, beyond its EKS access policy (which is scoped to `pr-*` namespaces). */
export const reviewNamespaceRules = [
  // create/delete/get: make and remove the environment's namespace. patch: Pulumi's Kubernetes provider applies
  // server-side, which sends every create and update as an apply PATCH. list/watch: it awaits a create and a
  // delete through an informer, which without them never sees the namespace go and hangs
  // (pulumi/pulumi-kubernetes#4580). They show namespace names, not their contents.
  { apiGroups: [""], resources: ["namespaces"], verbs: ["create", "delete", "get", "list", "patch", "watch"] },
];

/**
 * In a dev stack's cluster (the base of review environments): what lets the review identity create and remove
 * exactly `pr-<digits>` namespaces. RBAC cannot restrict a create by name, so a ClusterRole grants namespaces
 * create/delete/get/patch (and list/watch, to await them) to the review group, and a ValidatingAdmissionPolicy bound cluster-wide refuses that
 * group every request about any other namespace (the access policy already stops it outside `pr-*`; this also
 * stops `pr-foo` and cluster-scoped writes).
 */
export class ReviewNamespaceGuard extends pulumi.ComponentResource {
  /**
   * `reviewUsers`: where the cluster cannot map the review identity to the group (GKE, AKS), its users: bound to the
   * namespaces ClusterRole and to the workload tier's rules (`ciDeployRules`) cluster-wide, which the policy
   * below confines to `pr-<digits>` namespaces (on EKS an access policy scoped to `pr-*` does that part).
   */
  constructor(name: string, spec: PlatformSpec, opts: pulumi.ComponentResourceOptions, reviewUsers: readonly pulumi.Input<string>[] = []) {
    super("stratum:review:NamespaceGuard", name, {}, opts);
    const minor = Number(spec.infra.cluster.version.split(".")[1]);
    if (minor < minimumKubernetesMinor) {
      throw new SpecError(spec.stack, [`stratum:infra.cluster.version: got "${spec.infra.cluster.version}", expected 1.${minimumKubernetesMinor} or newer in a dev stack: review environments' namespace guard is an admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy`]);
    }
    const child = { parent: this };
    const users = reviewUsers.map((name) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name }));
    const role = new ClusterRole(policyName, { metadata: { name: policyName }, rules: reviewNamespaceRules.map((r) => ({ ...r, apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })) }, child);
    new ClusterRoleBinding(policyName, {
      metadata: { name: policyName },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: policyName },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: reviewKubernetesGroup }, ...users],
    }, { ...child, dependsOn: [role] });
    if (users.length > 0) {
      const workloads = new ClusterRole(`${policyName}-workloads`, { metadata: { name: `${policyName}-workloads` }, rules: ciDeployRules.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })) }, child);
      new ClusterRoleBinding(`${policyName}-workloads`, {
        metadata: { name: `${policyName}-workloads` },
        roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: `${policyName}-workloads` },
        subjects: users,
      }, { ...child, dependsOn: [workloads] });
    }
    const policy = new ValidatingAdmissionPolicy(policyName, {
      metadata: { name: policyName },
      spec: {
        failurePolicy: "Fail",
        matchConstraints: {
          // Every resource and subresource (`*/*`: pods/exec, deployments/scale, namespaces/finalize, ...).
          resourceRules: [{ apiGroups: ["*"], apiVersions: ["*"], operations: ["*"], resources: ["*", "*/*"], scope: "*" }],
        },
        matchConditions: [{ name: "review-identity", expression: pulumi.all([...reviewUsers]).apply(reviewMatchConditionFor) }],
        validations: [
          {
            expression: reviewAdmissionExpression,
            message: `the review identity may act only in namespaces matching ${reviewNamespacePattern}`,
            reason: "Forbidden",
          },
        ],
      },
    }, child);
    new ValidatingAdmissionPolicyBinding(policyName, {
      metadata: { name: policyName },
      spec: { policyName, validationActions: ["Deny"] },
    }, { ...child, dependsOn: [policy] });
    this.registerOutputs({ group: reviewKubernetesGroup });
  }
}
