import type { EgressEndpoint } from "../../kubernetes/identity/identity.ts";

/** The ServiceAccount annotation and pod label Azure Workload Identity's webhook acts on. */
export const clientIdAnnotation = "azure.workload.identity/client-id";
export const useLabel = { "azure.workload.identity/use": "true" } as const;

/**
 * Where a pod gets its credentials: it exchanges its projected service-account token at Entra ID
 * (`login.microsoftonline.com`, the `AZURE_AUTHORITY_HOST` the webhook injects), over HTTPS. Entra ID is served
 * from Microsoft's global edge with no address range of its own that a NetworkPolicy could name (policies name
 * addresses, not hosts), so a pod with a workload identity may open TCP 443 connections outside the cluster; it
 * leaves through the network's NAT gateways, and every other outbound port stays denied. The data stores the
 * identity is granted are reached inside the network (private endpoints), under the policies' own rules.
 */
export const entraTokenEndpoint: EgressEndpoint = { cidr: "0.0.0.0/0", port: 443, protocol: "TCP" };

/** The audience AKS's projected token carries and Entra ID's token exchange takes. */
export const tokenExchangeAudience = "api://AzureADTokenExchange";

/** The subject AKS writes into a pod's service-account token. */
export const serviceAccountSubject = (namespace: string, serviceAccount: string) => `system:serviceaccount:${namespace}:${serviceAccount}`;
