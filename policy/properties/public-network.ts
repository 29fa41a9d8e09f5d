/*
 * "Off the public network", defined once for Azure's PaaS services, which all say it the same two ways: the
 * service's `publicNetworkAccess` is `Disabled` (reached only through its private endpoint), and its network rule
 * set's `defaultAction` is `Deny` (what no rule admits is refused). Azure's enum values are case-insensitive.
 */

/** True when a `publicNetworkAccess` value turns the public endpoint off. Unset is on (Azure's default is Enabled). */
export function publicNetworkDisabled(value: unknown): boolean {
  return typeof value === "string" && value.toLowerCase() === "disabled";
}

/** True when a network rule set refuses what its rules do not admit. Unset is Allow (Azure's default). */
export function defaultActionDenies(value: unknown): boolean {
  return typeof value === "string" && value.toLowerCase() === "deny";
}
