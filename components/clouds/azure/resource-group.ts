import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources/index.js";
import type { DriverContext } from "../../capability.ts";
import { accountOf, type AccountSpec } from "../../spec/index.ts";

/**
 * The stack's resource group (`stratum:account.azure.resourceGroup`), created once per stack, and the
 * `resourceGroupName` input of every Azure resource.
 *
 * Design:
 * - The first driver to ask creates the group (`azure-native:resources:ResourceGroup`, in the stack's location) as
 *   its child; governance's Keys always asks first, so the group's URN is stable. Later callers of the same stack
 *   (the same resolved `account` section, which every capability's context shares) get the same group.
 * - What every driver receives is the group's own `name` output, not the spec's string: each resource that takes it
 *   depends on the group, so Pulumi creates the group before anything in it and deletes it after all of them,
 *   without a `dependsOn` anywhere.
 * - A review environment (`pr-<n>` in the dev cluster) lives in its base stack's group, which that stack created and
 *   owns: its drivers call `existingResourceGroupOf`, which names the group and creates nothing, so destroying a
 *   review environment can never delete the base's group with everything in it.
 */
const groups = new WeakMap<AccountSpec, resources.ResourceGroup>();

export function resourceGroupOf(context: DriverContext): pulumi.Output<string> {
  let group = groups.get(context.account);
  if (!group) {
    const name = existingGroupName(context);
    group = new resources.ResourceGroup(context.name("rg"), { resourceGroupName: name, location: context.region }, { parent: context.parent });
    groups.set(context.account, group);
  }
  return group.name;
}

/** The group a base stack created, for a review environment placed in it: a name only, nothing is created. */
export function existingResourceGroupOf(context: DriverContext): pulumi.Output<string> {
  return pulumi.output(existingGroupName(context));
}

function existingGroupName(context: DriverContext): string {
  return accountOf({ cloud: "azure", account: context.account }, "azure").resourceGroup;
}
