import type { ResourceIndex } from "./resource-index.ts";

/** A subject a RoleBinding or ClusterRoleBinding of the plan binds a Kubernetes role to. */
export interface RbacSubject {
  readonly kind: string;
  readonly name: string;
  /** The binding's namespace; absent for a ClusterRoleBinding. */
  readonly namespace?: string;
  readonly role: string;
  readonly binding: string;
}

const bindingTypes = ["kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding"];

/**
 * Every user and group the plan's RBAC bindings name: on GKE and AKS the cluster authorizes a CI identity's
 * Kubernetes requests by them (the federated principal, or the Entra object id), after the cloud's own check.
 */
export function kubernetesSubjects(index: ResourceIndex): RbacSubject[] {
  return index.resources
    .filter((r) => bindingTypes.includes(r.resource.type))
    .flatMap((r) => {
      const inputs = r.resource.inputs as { metadata?: { namespace?: string }; roleRef?: { name?: string }; subjects?: { kind?: string; name?: string }[] };
      const namespace = inputs.metadata?.namespace;
      return (inputs.subjects ?? [])
        .filter((s) => s.kind === "User" || s.kind === "Group")
        .map((s) => ({ kind: String(s.kind), name: String(s.name), ...(namespace ? { namespace } : {}), role: String(inputs.roleRef?.name ?? ""), binding: r.resource.name }));
    });
}
