import { asArray, get } from "../inputs.ts";
import type { Rule } from "../rule.ts";
import { byType, problems } from "./by-type.ts";
import { controlSets } from "./controls.ts";

/**
 * The ingress path: traffic from outside the cluster enters through the ingress controller (TLS, host routing,
 * the Ingress objects the platform writes) and nowhere else. The controller's own Service lives in its namespace.
 */
export const ingressControllerNamespaces = ["ingress-nginx"];

export const serviceExposure: Rule = {
  id: "k8s-service-exposure",
  description: "Workloads are reached from outside the cluster only through the ingress controller: no LoadBalancer or NodePort Service and no externalIPs elsewhere.",
  severity: "high",
  remediation: "Make the Service type ClusterIP and publish it with an Ingress (TLS, a host) through the ingress controller; only the controller's own namespace (ingress-nginx) may hold a LoadBalancer Service.",
  controls: controlSets.segmentation,
  ...byType({
    "kubernetes:core/v1:Service": (i) => {
      if (ingressControllerNamespaces.includes(String(get(i, "metadata.namespace")))) return undefined;
      const type = String(get(i, "spec.type") ?? "ClusterIP");
      return problems(
        [type === "LoadBalancer" || type === "NodePort", `Service type ${type} exposes the workload outside the ingress path`],
        [asArray(get(i, "spec.externalIPs")).length > 0, "spec.externalIPs exposes the workload outside the ingress path"],
      );
    },
  }),
};
