import type * as pulumi from "@pulumi/pulumi";
import { Ingress } from "@pulumi/kubernetes/networking/v1/index.js";
import type { ServiceSpec } from "../spec/index.ts";

/** The IngressClass of the cluster's ingress controller (ingress-nginx), a prerequisite: see docs/kubernetes.md. */
export const ingressClassName = "nginx";
/** The cert-manager ClusterIssuer that issues the TLS certificates, a prerequisite: see docs/kubernetes.md. */
export const clusterIssuer = "letsencrypt";

/** A public service's Ingress: its host over TLS only, the certificate issued by cert-manager into `<name>-tls`. */
export function workloadIngress(workload: ServiceSpec & { readonly host: string }, namespace: string, opts: pulumi.CustomResourceOptions): Ingress {
  return new Ingress(workload.name, {
    metadata: {
      name: workload.name,
      namespace,
      annotations: { "cert-manager.io/cluster-issuer": clusterIssuer, "nginx.ingress.kubernetes.io/force-ssl-redirect": "true" },
    },
    spec: {
      ingressClassName,
      tls: [{ hosts: [workload.host], secretName: `${workload.name}-tls` }],
      rules: [
        {
          host: workload.host,
          http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: workload.name, port: { number: workload.port } } } }] },
        },
      ],
    },
  }, opts);
}
