import * as monitor from "@pulumi/azure-native/monitor/index.js";
import * as operationalinsights from "@pulumi/azure-native/operationalinsights/index.js";
import * as security from "@pulumi/azure-native/security/index.js";
import type { Driver } from "../../capability.ts";
import { accountOf } from "../../spec/index.ts";
import { diagnosticSetting, diagnosticSettingName } from "../../clouds/azure/diagnostic-setting.ts";
import { keyVaultKeyOf } from "../../clouds/azure/key-vault-key.ts";
import { resourceGroupOf } from "../../clouds/azure/resource-group.ts";
import type { Audit, AuditArgs } from "./audit.ts";

export interface AzureAudit extends Audit {
  readonly native: {
    readonly workspace: operationalinsights.Workspace;
    readonly activityLog: monitor.SubscriptionDiagnosticSetting;
    readonly vaultDiagnostics: monitor.DiagnosticSetting;
    readonly defender: Readonly<Record<string, security.Pricing>>;
    readonly tables: readonly operationalinsights.Table[];
  };
}

/** Interactive retention a Log Analytics workspace accepts (days); longer needs tables' archive retention. */
export function workspaceRetentionDays(days: number): number {
  return Math.min(730, Math.max(30, days));
}

/**
 * The tables audit records land in: the activity log's, and the resource logs' (diagnostic settings without a
 * dedicated destination type write to AzureDiagnostics). Beyond the workspace's interactive retention they are
 * kept in its long-term retention, up to the profile's days (at most 12 years).
 */
export const auditTables = ["AzureActivity", "AzureDiagnostics"] as const;
export function totalRetentionDays(days: number): number {
  return Math.min(4383, Math.max(workspaceRetentionDays(days), days));
}

/** Every activity log category: who changed what in the subscription, and what Azure itself reported. */
export const activityLogCategories = ["Administrative", "Security", "ServiceHealth", "Alert", "Recommendation", "Policy", "Autoscale", "ResourceHealth"] as const;

/**
 * Microsoft Defender for Cloud plans the platform's resources need, at the standard tier: Containers scans the
 * registry's images and watches the clusters (the `registry-scanning` policy rule), and the plans for Key Vault,
 * Storage (with malware scanning off: the lake holds data, not uploads) and PostgreSQL detect unusual access.
 */
export const defenderPlans: Readonly<Record<string, { readonly subPlan?: string }>> = {
  Containers: {},
  KeyVaults: {},
  StorageAccounts: { subPlan: "DefenderForStorageV2" },
  OpenSourceRelationalDatabases: {},
};

/**
 * The stack's audit trail on Azure: a Log Analytics workspace (`logDestination` is its ARM id, which every
 * driver's diagnostic settings send to), the subscription's activity log sent there, the Key Vault's diagnostics
 * (the vault exists before this capability, so its driver cannot set them) and Defender for Cloud's plans.
 * The workspace takes Entra ID authentication only (`disableLocalAuth`: its shared keys cannot ingest or query)
 * and resource-context access (a reader of a resource sees that resource's logs, not the workspace's); the audit
 * tables keep records for the profile's retention (long-term retention past the interactive 730 days). Its
 * ingestion and query stay on the public endpoint: diagnostic settings travel Azure's backbone either way, and
 * closing it needs an Azure Monitor private link scope. It is encrypted with Microsoft-managed keys: a
 * customer-managed key needs a dedicated Log Analytics cluster, so the audit key protects no workspace here.
 */
export const azureAudit: Driver<AuditArgs, AzureAudit> = {
  create(args, ctx) {
    const { subscriptionId } = accountOf({ cloud: "azure", account: ctx.account }, "azure");
    const opts = { parent: ctx.parent };
    const workspace = new operationalinsights.Workspace(ctx.name("logs"), {
      workspaceName: ctx.name("logs"),
      resourceGroupName: resourceGroupOf(ctx),
      location: ctx.region,
      sku: { name: operationalinsights.WorkspaceSkuNameEnum.PerGB2018 },
      retentionInDays: workspaceRetentionDays(args.logRetentionDays),
      features: { disableLocalAuth: true, enableLogAccessUsingOnlyResourcePermissions: true },
      publicNetworkAccessForIngestion: operationalinsights.PublicNetworkAccessType.Enabled,
      publicNetworkAccessForQuery: operationalinsights.PublicNetworkAccessType.Enabled,
    }, opts);
    const tables = auditTables.map((table) => new operationalinsights.Table(ctx.name(`logs-${table.toLowerCase()}`), {
      tableName: table,
      workspaceName: workspace.name,
      resourceGroupName: resourceGroupOf(ctx),
      retentionInDays: workspaceRetentionDays(args.logRetentionDays),
      totalRetentionInDays: totalRetentionDays(args.logRetentionDays),
    }, opts));
    const activityLog = new monitor.SubscriptionDiagnosticSetting(ctx.name("activity-log"), {
      name: diagnosticSettingName,
      workspaceId: workspace.id,
      logs: activityLogCategories.map((category) => ({ category, enabled: true })),
    }, opts);
    const vaultDiagnostics = diagnosticSetting(ctx, "vault", { resourceUri: keyVaultKeyOf(ctx, args.keyId).vaultId, workspaceId: workspace.id });
    const defender = Object.fromEntries(Object.entries(defenderPlans).map(([plan, settings]) => [plan, new security.Pricing(ctx.name(`defender-${plan.toLowerCase()}`), {
      scopeId: `/subscriptions/${subscriptionId}`,
      pricingName: plan,
      pricingTier: security.PricingTier.Standard,
      ...(settings.subPlan ? { subPlan: settings.subPlan } : {}),
    }, opts)]));
    return { logDestination: workspace.id, native: { workspace, activityLog, vaultDiagnostics, defender, tables } };
  },
};
