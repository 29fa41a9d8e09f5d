import type * as pulumi from "@pulumi/pulumi";
import * as monitor from "@pulumi/azure-native/monitor/index.js";
import type { DriverContext } from "../../capability.ts";

/**
 * The one way an Azure driver sends a resource's logs and metrics to the stack's Log Analytics workspace: a
 * `monitor.DiagnosticSetting` on the resource (the `audit-logging` policy rule asks one of every storage account,
 * registry, key vault, database, warehouse, catalog, ML workspace and endpoint, cluster and Front Door profile).
 *
 * The workspace: the audit capability's `logDestination` is the workspace's ARM id
 * (`/subscriptions/<sub>/resourceGroups/<rg>/providers/Microsoft.OperationalInsights/workspaces/<name>`), and the
 * tiers hand it to every driver that makes a diagnosed resource as its contract's `logDestination` argument
 * (`args.logDestination`): pass that as `workspaceId`. Key Vault comes before the audit capability, so the audit
 * driver sets the vault's diagnostics itself.
 *
 * Logs: the `allLogs` category group (every resource log category, present and future: data-plane access,
 * authentication, administration), unless a resource type does not offer category groups and names its
 * categories instead. Metrics: `AllMetrics` where the type has metrics. Retention is the workspace's (a
 * diagnostic setting's own `retentionPolicy` is retired by Azure).
 */
export interface DiagnosticSettingArgs {
  /** The ARM id of the resource whose logs are sent (a storage account's blob service: `<account id>/blobServices/default`). */
  readonly resourceUri: pulumi.Input<string>;
  /** The Log Analytics workspace's ARM id: the driver's `logDestination` argument. */
  readonly workspaceId: pulumi.Input<string>;
  /** Log categories by name, for types without category groups; default: the `allLogs` group. */
  readonly logCategories?: readonly string[];
  /** Send `AllMetrics` too (default true); false for a type that has no platform metrics. */
  readonly metrics?: boolean;
}

/** The diagnostic setting's name on its resource (unique per resource, at most 5 settings each). */
export const diagnosticSettingName = "stratum-log-analytics";

export function diagnosticSetting(ctx: DriverContext, suffix: string, args: DiagnosticSettingArgs, opts: pulumi.CustomResourceOptions = {}): monitor.DiagnosticSetting {
  const logs = args.logCategories ? args.logCategories.map((category) => ({ category, enabled: true })) : [{ categoryGroup: "allLogs", enabled: true }];
  return new monitor.DiagnosticSetting(ctx.name(`${suffix}-diagnostics`), {
    name: diagnosticSettingName,
    resourceUri: args.resourceUri,
    workspaceId: args.workspaceId,
    logs,
    ...(args.metrics === false ? {} : { metrics: [{ category: "AllMetrics", enabled: true }] }),
  }, { parent: ctx.parent, ...opts });
}
