import { createHash } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import type { DriverContext } from "../../capability.ts";
import { accountOf } from "../../spec/index.ts";

/**
 * The ARM id of a resource in the stack's resource group, for the few references a driver must write before the
 * resource is its own (a registry named by its host, the key vault named by a key's URI). Every Azure resource
 * of a stack is in that one group (resource-group.ts), so the id is determined by its type path and name.
 */
export function armIdInGroup(ctx: DriverContext, typePath: string): pulumi.Output<string> {
  const { subscriptionId, resourceGroup } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
  return pulumi.output(`/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/${typePath}`);
}

/**
 * The stack's resource group's ARM id, from the group's own name output so what is scoped to it waits for the
 * group (a custom role's assignable scope).
 */
export function resourceGroupId(ctx: DriverContext, groupName: pulumi.Input<string>): pulumi.Output<string> {
  const { subscriptionId } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
  return pulumi.interpolate`/subscriptions/${subscriptionId}/resourceGroups/${groupName}`;
}

/**
 * A GUID derived from a stable name: role assignments are named by GUID in ARM, and a name derived from what
 * the assignment is (who, which role, where) keeps it the same resource across plans instead of a new one each
 * run. The name-based UUID layout (version 5 bits) over SHA-1, as RFC 9562 describes.
 */
export function stableGuid(name: string): string {
  const hex = createHash("sha1").update(`stratum:${name}`).digest("hex");
  const variant = ((parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
