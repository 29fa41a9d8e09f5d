import type * as pulumi from "@pulumi/pulumi";
import { Provider } from "@pulumi/azure-native/provider.js";
import { accountOf, type PlatformSpec } from "../../spec/index.ts";

/**
 * The stack's Azure provider, pinned to the spec's subscription and tenant and in the spec's location: every
 * resource lands in that subscription whatever `az account show` says on the machine running `pulumi up`, and a
 * login to another tenant fails before anything changes. Credentials are the environment's (the workflows'
 * `azure/login` with OIDC, a developer's `az login`): no secret is configured here.
 */
export function azureProvider(name: string, spec: PlatformSpec, opts: pulumi.CustomResourceOptions): Provider {
  const account = accountOf(spec, "azure");
  return new Provider(name, { subscriptionId: account.subscriptionId, tenantId: account.tenantId, location: spec.region }, opts);
}
