import type * as pulumi from "@pulumi/pulumi";
import { Namespace } from "@pulumi/kubernetes/core/v1/index.js";

/**
 * The environment's application namespace, `<platform>-<environment>`, where Pod Security admission enforces
 * the "restricted" standard (and audits and warns with it), so a pod that is not restricted is refused.
 */
export function appNamespace(name: string, opts: pulumi.CustomResourceOptions): Namespace {
  const level = { enforce: "restricted", audit: "restricted", warn: "restricted" };
  const labels = Object.fromEntries(Object.entries(level).flatMap(([mode, standard]) => [
    [`pod-security.kubernetes.io/${mode}`, standard],
    [`pod-security.kubernetes.io/${mode}-version`, "latest"],
  ]));
  return new Namespace(name, { metadata: { name, labels } }, opts);
}
