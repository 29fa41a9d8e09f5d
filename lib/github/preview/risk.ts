import type { Change } from "./change-model.ts";

/** Why a change is listed first in the comment. A change may carry several reasons. */
export type RiskReason = "delete" | "replace" | "iam" | "network-widening" | "data-store";

export const riskLabels: Record<RiskReason, string> = {
  delete: "deletes",
  replace: "replaces",
  iam: "IAM",
  "network-widening": "opens network access",
  "data-store": "touches a data store",
};

// Type tokens are matched case-insensitively against the whole token (`aws:iam/role:Role`).
const iamPatterns = [/^aws:iam\//i, /^gcp:[^:]*:[^:]*iam/i, /^gcp:serviceaccount\//i, /^gcp:[^:]*:[^:]*serviceaccount/i, /^azure-native:authorization:/i, /^azure-native:managedidentity:/i, /^kubernetes:rbac/i];
const networkPatterns = [/securitygroup/i, /firewall/i, /networksecuritygroup/i, /securityrule/i, /networkacl/i];
const dataStorePatterns = [
  /^aws:rds\//i, /^aws:dynamodb\//i, /^aws:s3\/bucket/i, /^aws:redshift/i, /^aws:elasticache\//i, /^aws:docdb\//i, /^aws:efs\//i,
  /^gcp:sql\//i, /^gcp:storage\//i, /^gcp:bigquery\//i, /^gcp:spanner\//i, /^gcp:firestore\//i, /^gcp:bigtable/i, /^gcp:redis\//i,
  /^azure-native:dbfor(postgresql|mysql|mariadb):/i, /^azure-native:sql:/i, /^azure-native:storage:/i, /^azure-native:documentdb:/i,
  /^azure-native:cache:/i, /^azure-native:synapse:/i,
];

// An address range that admits the whole internet, in the spellings AWS, GCP and Azure use.
const openRanges = new Set(["0.0.0.0/0", "::/0", "*", "internet", "any"]);

/** The reasons a change deserves a reviewer's attention first; empty for routine changes. */
export function riskReasons(change: Change): RiskReason[] {
  const reasons: RiskReason[] = [];
  if (change.op === "delete") reasons.push("delete");
  if (change.op === "replace") reasons.push("replace");
  if (iamPatterns.some((p) => p.test(change.type))) reasons.push("iam");
  if (networkPatterns.some((p) => p.test(change.type)) && widensNetwork(change)) reasons.push("network-widening");
  if (dataStorePatterns.some((p) => p.test(change.type))) reasons.push("data-store");
  return reasons;
}

export function isRisky(change: Change): boolean {
  return riskReasons(change).length > 0;
}

/**
 * True when the new inputs hold an inbound rule open to the internet that the old inputs did not. Outbound
 * (egress) rules are ignored: open egress is the cloud default and not what a reviewer needs flagged.
 */
export function widensNetwork(change: Change): boolean {
  if (change.op === "delete" || change.newInputs === undefined) return false;
  const before = new Set(openRules(change.oldInputs ?? {}, false));
  return openRules(change.newInputs, false).some((rule) => !before.has(rule));
}

/** Signatures of every object under `value` that names an open range, skipping egress subtrees. */
function openRules(value: unknown, inEgress: boolean): string[] {
  if (Array.isArray(value)) return value.flatMap((v) => openRules(v, inEgress));
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  if (inEgress || /^outbound$/i.test(String(record.direction ?? "")) || record.type === "egress") return [];
  const found: string[] = [];
  let opensHere = false;
  for (const [key, inner] of Object.entries(record)) {
    const egress = /egress|outbound/i.test(key);
    if (typeof inner === "string" && openRanges.has(inner.toLowerCase()) && /cidr|source|range|prefix/i.test(key)) opensHere = true;
    else if (Array.isArray(inner) && /cidr|source|range|prefix/i.test(key) && inner.some((v) => typeof v === "string" && openRanges.has(v.toLowerCase()))) opensHere = true;
    else found.push(...openRules(inner, egress));
  }
  if (opensHere) found.push(signature(record));
  return found;
}

/** A rule's identity for comparing before and after; descriptions and provider defaults do not change access. */
function signature(rule: Record<string, unknown>): string {
  const { description: _d, __defaults: _x, ...rest } = rule;
  return JSON.stringify(rest, Object.keys(rest).sort());
}
