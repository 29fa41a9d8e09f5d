import { asArray, get, isSet, refersTo, stackUrn } from "../inputs.ts";
import type { Rule, RuleResource, StackFinding } from "../rule.ts";
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

function diagnosticFindings(resources: readonly RuleResource[], stack: string): StackFinding[] {
  const settings = resources.filter((r) => ["azure-native:monitor:DiagnosticSetting", "azure-native:insights:DiagnosticSetting"].includes(r.type) && isSet(r.inputs["workspaceId"]));
  return settings.length > 0 ? [] : [{ urn: stackUrn(resources, stack), message: "the stack has no diagnostic setting sending logs to a Log Analytics workspace (azure-native:monitor:DiagnosticSetting with workspaceId)" }];
}

export const auditLogging: Rule = {
  id: "audit-logging",
  description: "The stack records an audit trail: CloudTrail (logging) and the clusters' API audit logs on AWS, data-access audit logs on GCP, diagnostic settings on Azure.",
  severity: "high",
  remediation: "AWS: a multi-region cloudtrail.Trail, logging, with log-file validation, global service events and a KMS key; EKS clusters with enabledClusterLogTypes audit and authenticator. GCP: projects.IAMAuditConfig for allServices with DATA_READ and DATA_WRITE. Azure: monitor.DiagnosticSetting to the Log Analytics workspace.",
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
        return dataAccessAuditFindings(resources, ctx.stack);
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
