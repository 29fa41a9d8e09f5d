import type * as pulumi from "@pulumi/pulumi";
import { Role, RoleBinding } from "@pulumi/kubernetes/rbac/v1/index.js";
import type { TeamSpec } from "../spec/index.ts";

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
