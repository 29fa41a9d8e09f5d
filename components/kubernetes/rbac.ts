import type * as pulumi from "@pulumi/pulumi";
import { ClusterRoleBinding, Role, RoleBinding } from "@pulumi/kubernetes/rbac/v1/index.js";
import type { TeamSpec } from "../spec/index.ts";
import type { KubernetesGrant } from "../infra/ci-identity/ci-identity.ts";

type Access = TeamSpec["access"];
interface Rule {
  readonly apiGroups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

const read = ["get", "list", "watch"];

/** What a viewer may read: the namespace's workloads and their state. Never Secrets. */
const viewerRules: readonly Rule[] = [
  { apiGroups: [""], resources: ["pods", "pods/log", "services", "endpoints", "configmaps", "events", "serviceaccounts"], verbs: read },
  { apiGroups: ["apps"], resources: ["deployments", "replicasets"], verbs: read },
  { apiGroups: ["batch"], resources: ["jobs"], verbs: read },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: read },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: read },
  { apiGroups: ["networking.k8s.io"], resources: ["ingresses", "networkpolicies"], verbs: read },
];

/** A deployer also rolls Deployments (update, patch, scale) and starts Jobs (e.g. a migration re-run). */
const deployerRules: readonly Rule[] = [
  ...viewerRules,
  { apiGroups: ["apps"], resources: ["deployments", "deployments/scale"], verbs: ["update", "patch"] },
  { apiGroups: ["batch"], resources: ["jobs"], verbs: ["create"] },
];

export const accessRules: Readonly<Record<Access, readonly Rule[]>> = { viewer: viewerRules, deployer: deployerRules };

/**
 * Team access to the app namespace: one Role per access level, one RoleBinding per team to its group. Namespaced
 * only: no ClusterRoleBinding, nothing bound to cluster-admin. The subject is the team's group as the cluster
 * authenticates it (on EKS, the access entry for the team's IAM role lists that group; see docs/kubernetes.md).
 */
export function teamAccess(teams: readonly TeamSpec[], namespace: string, opts: pulumi.CustomResourceOptions): { roles: Role[]; bindings: RoleBinding[] } {
  const levels = [...new Set(teams.map((t) => t.access))].sort();
  const roles = levels.map((access) => new Role(`${namespace}-${access}`, { metadata: { name: access, namespace }, rules: accessRules[access].map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] })) }, opts));
  const bindings = teams.map((team) =>
    new RoleBinding(`${namespace}-${team.name}`, {
      metadata: { name: `team-${team.name}`, namespace },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: team.access },
      subjects: [{ apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: team.group }],
    }, opts),
  );
  return { roles, bindings };
}

const manage = ["get", "list", "watch", "create", "update", "patch", "delete"];

/**
 * What a deploy's `pulumi up` manages in the environment's namespace: the workload tier's objects (Deployments,
 * Jobs, CronJobs, Services, ServiceAccounts, autoscalers, disruption budgets, NetworkPolicies, the teams' Roles
 * and RoleBindings) and reading the pods it rolls out. Never Secrets, nothing cluster-wide, no other namespace.
 */
export const ciDeployRules: readonly Rule[] = [
  { apiGroups: [""], resources: ["services", "serviceaccounts", "configmaps"], verbs: manage },
  { apiGroups: [""], resources: ["pods", "pods/log", "events", "endpoints"], verbs: read },
  { apiGroups: ["apps"], resources: ["deployments", "deployments/scale"], verbs: manage },
  { apiGroups: ["apps"], resources: ["replicasets"], verbs: read },
  { apiGroups: ["batch"], resources: ["jobs", "cronjobs"], verbs: manage },
  { apiGroups: ["autoscaling"], resources: ["horizontalpodautoscalers"], verbs: manage },
  { apiGroups: ["policy"], resources: ["poddisruptionbudgets"], verbs: manage },
  { apiGroups: ["networking.k8s.io"], resources: ["networkpolicies", "ingresses"], verbs: manage },
  { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles", "rolebindings"], verbs: manage },
];

const subjectsOf = (grant: KubernetesGrant) => grant.users.map((name) => ({ apiGroup: "rbac.authorization.k8s.io", kind: "User", name }));
const copy = (rules: readonly Rule[]) => rules.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs] }));

/**
 * The CI identities' access where the cluster authorizes them by Kubernetes RBAC (components/infra/ci-identity):
 * `deploy` a Role of exactly `ciDeployRules` bound in the environment's namespace; `view` Kubernetes' read-only
 * `view` ClusterRole (no Secrets) bound cluster-wide. Never `admin`, `edit` or `cluster-admin`. (`review` is the
 * review namespace guard's: components/review/namespace-guard.ts.)
 */
export function ciAccess(grants: readonly KubernetesGrant[], namespace: string, opts: pulumi.CustomResourceOptions): (Role | RoleBinding | ClusterRoleBinding)[] {
  const made: (Role | RoleBinding | ClusterRoleBinding)[] = [];
  const deployRole = grants.some((g) => g.access === "deploy") ? new Role(`${namespace}-ci-deploy`, { metadata: { name: "ci-deploy", namespace }, rules: copy(ciDeployRules) }, opts) : undefined;
  if (deployRole) made.push(deployRole);
  for (const grant of grants.filter((g) => g.access !== "review")) {
    const name = `${namespace}-ci-${grant.identity}`;
    made.push(grant.access === "deploy"
      ? new RoleBinding(name, { metadata: { name: `ci-${grant.identity}`, namespace }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "ci-deploy" }, subjects: subjectsOf(grant) }, { ...opts, dependsOn: [deployRole!] })
      : new ClusterRoleBinding(name, { metadata: { name }, roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" }, subjects: subjectsOf(grant) }, opts));
  }
  return made;
}
