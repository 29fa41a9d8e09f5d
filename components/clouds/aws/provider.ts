import type * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider.js";
import type { PlatformSpec } from "../../spec/index.ts";

/**
 * The stack's AWS provider, in the spec's region: every resource's region comes from the spec rather than from
 * whatever `aws:region` the machine running `pulumi up` happens to have, and the data-residency policy can see it.
 */
export function awsProvider(name: string, spec: PlatformSpec, opts: pulumi.CustomResourceOptions): Provider {
  return new Provider(name, { region: spec.region }, opts);
}
