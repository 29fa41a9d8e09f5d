import type * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/aws/provider.js";
import { accountOf, type PlatformSpec } from "../../spec/index.ts";

/**
 * The stack's AWS provider, in the spec's region and pinned to the spec's account: every resource's region comes
 * from the spec rather than from whatever `aws:region` the machine running `pulumi up` happens to have, and the
 * provider refuses credentials of any other account (`allowedAccountIds`) before it changes anything.
 */
export function awsProvider(name: string, spec: PlatformSpec, opts: pulumi.CustomResourceOptions): Provider {
  return new Provider(name, { region: spec.region, allowedAccountIds: [accountOf(spec, "aws").accountId] }, opts);
}
