import type { PlanReport } from "../model.ts";
import type { ConfigSecretChange, ReplaceVerdict, ResourceDiff, ResourceOp, StackDiff } from "./diff-model.ts";
import { inputChanges } from "./input-changes.ts";
import { aliasSuggestion, matchResources } from "./match-resources.ts";
import { policyDiff } from "./policy-diff.ts";

/** An absent side: a stack that exists in only one of the two revisions. */
export function emptyPlan(stack: string): PlanReport {
  return { stack, cloud: "", environment: "", region: "", offline: true, resources: [], outputs: {}, warnings: [], violations: [], compliance: {} };
}

/**
 * Compares two offline plans resource by resource. `by`: "urn" for two revisions of a stack, "name" for two
 * stacks (dev and prod), whose URNs always differ. Either plan may be absent (a stack added or removed).
 */
export function comparePlans(old: PlanReport | undefined, next: PlanReport | undefined, by: "urn" | "name"): StackDiff {
  const before = old ?? emptyPlan(next?.stack ?? "");
  const after = next ?? emptyPlan(old?.stack ?? "");
  const resources: ResourceDiff[] = [];
  const counts: Record<ResourceOp, number> = { create: 0, delete: 0, update: 0, unchanged: 0 };
  let replaces = 0;
  let urnChanges = 0;
  const renamedUrns = new Map<string, string>();
  const environments = { old: before.environment, new: after.environment };
  for (const pair of matchResources(before.resources, after.resources, by, environments)) {
    const r = (pair.new ?? pair.old)!;
    // The stack resource's inputs are nothing; its outputs are compared by their own resources.
    if (r.type === "pulumi:pulumi:Stack") continue;
    const base = { urn: r.urn, type: r.type, name: r.name, parent: r.parent };
    if (!pair.old || !pair.new) {
      const op = pair.new ? "create" : "delete";
      counts[op] += 1;
      resources.push({ op, ...base });
      continue;
    }
    const changes = inputChanges(r.type, { inputs: pair.old.inputs, fingerprints: fingerprintsOf(before, pair.old) }, { inputs: pair.new.inputs, fingerprints: fingerprintsOf(after, pair.new) });
    const urnChange = pair.urnChange ? { oldUrn: pair.old.urn, reason: pair.urnChange, aliasSuggestion: aliasSuggestion(pair.old, pair.new) } : undefined;
    if (urnChange) {
      renamedUrns.set(pair.old.urn, pair.new.urn);
      urnChanges += 1;
    }
    if (changes.length === 0 && !urnChange) {
      counts.unchanged += 1;
      continue;
    }
    // A changed URN without an alias is a delete and a create to the engine: a replacement.
    const replace: ReplaceVerdict = urnChange || changes.some((c) => c.replace === "replaces") ? "replaces" : changes.some((c) => c.replace === "unknown") ? "unknown" : "in-place";
    if (replace === "replaces") replaces += 1;
    counts.update += 1;
    resources.push({ op: "update", ...base, changes, ...(urnChange ? { urnChange } : {}), replace });
  }
  const configSecrets = configSecretChanges(before.configSecretFingerprints ?? {}, after.configSecretFingerprints ?? {});
  const stack = before.stack === after.stack || !old || !next ? after.stack || before.stack : `${before.stack}→${after.stack}`;
  return {
    stack,
    oldStack: old ? old.stack : null,
    newStack: next ? next.stack : null,
    summary: { ...counts, replaces, urnChanges },
    resources,
    policy: policyDiff(before.violations ?? [], after.violations ?? [], before.compliance ?? {}, after.compliance ?? {}, by, renamedUrns, environments),
    ...(configSecrets.length > 0 ? { configSecrets } : {}),
  };
}

function configSecretChanges(old: Readonly<Record<string, string>>, next: Readonly<Record<string, string>>): ConfigSecretChange[] {
  return [...new Set([...Object.keys(old), ...Object.keys(next)])]
    .sort()
    .filter((key) => old[key] !== next[key])
    .map((key) => ({ key, change: old[key] === undefined ? "added" : next[key] === undefined ? "removed" : "changed" }));
}

/**
 * A plan of format version 1 from before fingerprints existed has none anywhere: then whether a secret changed
 * is unknown. A current plan has them for every resource with a secret input.
 */
function fingerprintsOf(plan: PlanReport, resource: PlanReport["resources"][number]): Readonly<Record<string, string>> | undefined {
  if (resource.secretFingerprints) return resource.secretFingerprints;
  return plan.resources.some((r) => r.secretFingerprints) || plan.formatVersion !== undefined ? {} : undefined;
}
