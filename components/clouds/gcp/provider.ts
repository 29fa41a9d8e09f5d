import type * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/gcp/provider.js";
import { accountOf, type PlatformSpec } from "../../spec/index.ts";

/**
 * The stack's GCP provider, in the spec's project and region: every resource lands in the project of the spec's
 * account section, whatever `gcloud config` the machine running `pulumi up` has. Labels come from the platform's
 * one tags transform (components/tags/), not from the provider's `defaultLabels`, so the plan shows them on each
 * resource; the provider's own `goog-pulumi-provisioned` attribution label is off so that the label count stays
 * what the spec's checks allowed (components/spec/tag-limits.ts).
 */
export function gcpProvider(name: string, spec: PlatformSpec, opts: pulumi.CustomResourceOptions): Provider {
  const { projectId } = accountOf(spec, "gcp");
  return new Provider(name, { project: projectId, region: spec.region, addPulumiAttributionLabel: false }, opts);
}
