import type * as pulumi from "@pulumi/pulumi";
import { ServiceAccount } from "@pulumi/kubernetes/core/v1/index.js";

/**
 * The workload's own ServiceAccount, never the namespace's `default`: the cloud identity is bound to it, so no
 * other pod can borrow the workload's access. Its Kubernetes API token is not mounted.
 */
export function workloadServiceAccount(name: string, namespace: string, annotations: Readonly<Record<string, pulumi.Input<string>>>, opts: pulumi.CustomResourceOptions): ServiceAccount {
  return new ServiceAccount(name, {
    metadata: { name, namespace, ...(Object.keys(annotations).length > 0 ? { annotations: { ...annotations } } : {}) },
    automountServiceAccountToken: false,
  }, opts);
}
