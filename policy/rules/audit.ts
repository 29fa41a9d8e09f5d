import { asArray, get, isSet, refersTo, stackUrn } from "../inputs.ts";
import type { Rule, RuleResource, StackFinding } from "../rule.ts";
import { refersToAzure } from "./azure-refs.ts";
import { byType } from "./by-type.ts";
import { controlSets } from "./controls.ts";

function trailFindings(resources: readonly RuleResource[], stack: string): StackFinding[] {
  const trails = resources.filter((r) => r.type === "aws:cloudtrail/trail:Trail");
  // A trail that exists but does not log (enableLogging false) records nothing: it counts as no trail.
  const good = trails.filter((t) => t.inputs["enableLogging"] !== false && t.inputs["isMultiRegionTrail"] === true && t.inputs["enableLogFileValidation"] === true && t.inputs["includeGlobalServiceEvents"] !== false && isSet(t.inputs["kmsKeyId"]));
  if (good.length > 0) return [];
  if (trails.length > 0) return trails.map((t) => ({ urn: t.urn, message: `trail ${t.name} must be logging (enableLogging not false), multi-region, validate log files, include global events and be KMS-encrypted` }));
  return [{ urn: stackUrn(resources, stack), message: "the stack has no CloudTrail trail (aws:cloudtrail/trail:Trail)" }];
}

function dataAccessAuditFindings(resources: readonly RuleResource[], stack: string): StackFinding[] {
  const configs = resources.filter((r) => r.type === "gcp:projects/iAMAuditConfig:IAMAuditConfig" && r.inputs["service"] === "allServices");
  const logTypes = new Set(configs.flatMap((c) => asArray(c.inputs["auditLogConfigs"]).map((l) => String(get(l, "logType")))));
  const missing = ["DATA_READ", "DATA_WRITE"].filter((t) => !logTypes.has(t));
  return missing.length === 0 ? [] : [{ urn: stackUrn(resources, stack), message: `the stack has no IAMAuditConfig for allServices logging ${missing.join(" and ")}` }];
}

/**
 * The audit trail must be tamper-proof: a log sink whose destination is a Cloud Storage bucket with a locked
 * retention policy, or a Logging bucket (ProjectBucketConfig) that is locked.
 */
function lockedSinkFindings(resources: readonly RuleResource[], stack: string): StackFinding[] {
  const buckets = resources.filter((r) => r.type === "gcp:storage/bucket:Bucket" && get(r.inputs, "retentionPolicy.isLocked") === true);
  const logBuckets = resources.filter((r) => r.type === "gcp:logging/projectBucketConfig:ProjectBucketConfig" && r.inputs["locked"] === true);
  const locked = resources.filter((r) => r.type === "gcp:logging/projectSink:ProjectSink").some((sink) => {
    const destination = String(sink.inputs["destination"] ?? "");
    const storage = /^storage\.googleapis\.com\/(.+)$/.exec(destination)?.[1];
    if (storage !== undefined) return buckets.some((b) => refersTo(storage, b));
    const logging = /^logging\.googleapis\.com\/.*\/buckets\/([^/]+)$/.exec(destination)?.[1];
    return logging !== undefined && logBuckets.some((b) => b.inputs["bucketId"] === logging || refersTo(logging, b));
  });
  return locked ? [] : [{ urn: stackUrn(resources, stack), message: "the stack has no log sink to a locked bucket (logging.ProjectSink whose destination is a storage bucket with retentionPolicy.isLocked, or a locked logging.ProjectBucketConfig)" }];
}

/** Azure services whose resource logs (data-plane access, authentication, administration) need a diagnostic setting. */
export const diagnosedAzureTypes = [
  "azure-native:storage:StorageAccount", "azure-native:containerregistry:Registry", "azure-native:keyvault:Vault",
  "azure-native:dbforpostgresql:Server", "azure-native:synapse:Workspace", "azure-native:purview:Account",
  "azure-native:machinelearningservices:Workspace", "azure-native:machinelearningservices:OnlineEndpoint",
  "azure-native:containerservice:ManagedCluster", "azure-native:cdn:Profile",
];
const diagnosticSettingTypes = ["azure-native:monitor:DiagnosticSetting", "azure-native:insights:DiagnosticSetting"];

function diagnosticFindings(resources: readonly RuleResource[], stack: string): StackFinding[] {
  const settings = resources.filter((r) => diagnosticSettingTypes.includes(r.type) && isSet(r.inputs["workspaceId"]));
  const services = resources.filter((r) => diagnosedAzureTypes.includes(r.type));
  if (settings.length === 0 && services.length === 0) return [{ urn: stackUrn(resources, stack), message: "the stack has no diagnostic setting sending logs to a Log Analytics workspace (azure-native:monitor:DiagnosticSetting with workspaceId)" }];
  return services
    .filter((service) => !settings.some((s) => refersToAzure(s.inputs["resourceUri"], service)))
    .map((service) => ({ urn: service.urn, message: `${service.name} has no diagnostic setting sending its logs to the Log Analytics workspace (monitor.DiagnosticSetting with workspaceId whose resourceUri is the resource)` }));
}

export const auditLogging: Rule = {
  id: "audit-logging",
  description: "The stack records an audit trail: CloudTrail (logging) and the clusters' API audit logs on AWS, data-access audit logs and a sink to a locked bucket on GCP, diagnostic settings on every service on Azure.",
  severity: "high",
  remediation: "AWS: a multi-region cloudtrail.Trail, logging, with log-file validation, global service events and a KMS key; EKS clusters with enabledClusterLogTypes audit and authenticator. GCP: projects.IAMAuditConfig for allServices with DATA_READ and DATA_WRITE, and a logging.ProjectSink to a bucket with a locked retention policy. Azure: a monitor.DiagnosticSetting to the Log Analytics workspace for every storage account, registry, key vault, database, warehouse, catalog, ML workspace and endpoint, cluster and Front Door profile.",
  controls: controlSets.audit,
  ...byType({
    // The Kubernetes API's own audit log: who did what in the cluster, which CloudTrail does not see.
    "aws:eks/cluster:Cluster": (i) => {
      const types = asArray(i["enabledClusterLogTypes"]);
      const missing = ["audit", "authenticator"].filter((t) => !types.includes(t));
      return missing.length === 0 ? undefined : `cluster does not log ${missing.join(" and ")} (enabledClusterLogTypes)`;
    },
  }),
  checkStack: (resources, ctx) => {
    // A review stack creates no account-level resource; its base (dev) stack's trail records the same account.
    if (ctx.baseStack) return [];
    switch (ctx.cloud) {
      case "aws":
        return trailFindings(resources, ctx.stack);
      case "gcp":
        return [...dataAccessAuditFindings(resources, ctx.stack), ...lockedSinkFindings(resources, ctx.stack)];
      case "azure":
        return diagnosticFindings(resources, ctx.stack);
    }
  },
};

function networksWithoutFlowLogs(resources: readonly RuleResource[], networkType: string, flowLogType: string, reference: string): StackFinding[] {
  const flowLogs = resources.filter((r) => r.type === flowLogType);
  return resources
    .filter((r) => r.type === networkType)
    .filter((network) => !flowLogs.some((f) => refersTo(f.inputs[reference], network)))
    .map((network) => ({ urn: network.urn, message: `network ${network.name} has no flow log (${flowLogType} with ${reference})` }));
}

export const flowLogs: Rule = {
  id: "vpc-flow-logs",
  description: "Every virtual network records flow logs.",
  severity: "medium",
  remediation: "AWS: an ec2.FlowLog per VPC. GCP: logConfig on every subnetwork. Azure: a network.FlowLog targeting each virtual network.",
  controls: controlSets.networkMonitoring,
  ...byType({ "gcp:compute/subnetwork:Subnetwork": (i) => (isSet(i["logConfig"]) ? undefined : "subnetwork has no flow logs (logConfig unset)") }),
  checkStack: (resources) => [
    ...networksWithoutFlowLogs(resources, "aws:ec2/vpc:Vpc", "aws:ec2/flowLog:FlowLog", "vpcId"),
    ...networksWithoutFlowLogs(resources, "azure-native:network:VirtualNetwork", "azure-native:network:FlowLog", "targetResourceId"),
  ],
};
