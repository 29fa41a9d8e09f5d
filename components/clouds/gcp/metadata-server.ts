import type { EgressEndpoint } from "../../kubernetes/identity/identity.ts";

/**
 * Where a GKE pod gets its workload identity's credentials: the GKE metadata server, which answers on the
 * link-local metadata address (port 80) and, with Dataplane V2, is reached at 169.254.169.252 port 988, which
 * GKE documents as the egress a NetworkPolicy must allow for Workload Identity Federation for GKE. Both stay on
 * the node: no address outside the cluster's nodes is opened.
 */
export const gkeMetadataServer: readonly EgressEndpoint[] = [
  { cidr: "169.254.169.254/32", port: 80, protocol: "TCP" },
  { cidr: "169.254.169.252/32", port: 988, protocol: "TCP" },
];

/** The ServiceAccount annotation GKE reads to give a pod its Google service account. */
export const gkeServiceAccountAnnotation = "iam.gke.io/gcp-service-account";

/** The workload identity member of a Kubernetes ServiceAccount of the project's GKE clusters. */
export function kubernetesServiceAccountMember(project: string, namespace: string, serviceAccount: string): string {
  return `serviceAccount:${project}.svc.id.goog[${namespace}/${serviceAccount}]`;
}
