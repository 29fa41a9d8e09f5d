import type { PlanMutation } from "./inspector.ts";
import { container, edit, one, pod, remove } from "./plan-edits.ts";

const deployment = "kubernetes:apps/v1:Deployment";

/**
 * The mutations of the workload tier's promises, the same on every cloud (the tier is cloud-neutral): each cloud's
 * conformance-mutations.ts spreads these in and adds only what its own cluster contributes (e.g. a cluster that
 * does not enforce NetworkPolicies).
 */
export const kubernetesMutations: Readonly<Record<string, readonly PlanMutation[]>> = {
  "k8s-restricted-pod-security": [one("a privileged container", edit(deployment, (i) => void Object.assign(container(i)["securityContext"], { privileged: true, allowPrivilegeEscalation: true })))],
  "k8s-requests-limits": [one("a container without resources", edit(deployment, (i) => void delete container(i)["resources"]))],
  "k8s-image-digest": [one("an image by tag", edit(deployment, (i) => void (container(i)["image"] = "nginx:latest")))],
  "k8s-no-host-access": [one("a pod on the host network", edit(deployment, (i) => void (pod(i)["hostNetwork"] = true)))],
  "k8s-service-exposure": [one("a NodePort Service", edit("kubernetes:core/v1:Service", (i) => void (i["spec"].type = "NodePort")))],
  "k8s-default-deny-network-policy": [one("the namespace without network policies", remove("kubernetes:networking.k8s.io/v1:NetworkPolicy"))],
};
