import type { ComplianceReport, PlanViolation } from "../model.ts";
import { urnName } from "../urn.ts";
import type { ControlChange, PolicyDiff, ViolationKey } from "./diff-model.ts";
import { sameAcrossStacks } from "./match-resources.ts";

/**
 * Violations on both sides: a violation is the same one when its rule and resource are (by URN for two
 * revisions, by logical name for two stacks, whose URNs always differ); its message may change with the inputs.
 * Controls are listed when their status differs, or they exist on one side only.
 */
export function policyDiff(old: readonly PlanViolation[], next: readonly PlanViolation[], oldControls: ComplianceReport, newControls: ComplianceReport, by: "urn" | "name", renamedUrns: ReadonlyMap<string, string>, environments: { readonly old: string; readonly new: string }): PolicyDiff {
  const resource = (urn: string, side: "old" | "new") => (by === "urn" ? (side === "old" ? (renamedUrns.get(urn) ?? urn) : urn) : sameAcrossStacks(urnName(urn), environments[side]));
  const key = (v: PlanViolation, side: "old" | "new") => `${v.rule}\u0000${resource(v.urn, side)}`;
  const oldKeys = new Set(old.map((v) => key(v, "old")));
  const newKeys = new Set(next.map((v) => key(v, "new")));
  return {
    introduced: next.filter((v) => !oldKeys.has(key(v, "new"))).map(strip),
    fixed: old.filter((v) => !newKeys.has(key(v, "old"))).map(strip),
    unchanged: next.filter((v) => oldKeys.has(key(v, "new"))).map(strip),
    controls: controlChanges(oldControls, newControls),
  };
}

function strip(v: PlanViolation): ViolationKey {
  return { rule: v.rule, urn: v.urn, message: v.message, enforcement: v.enforcement, waived: v.waived };
}

function controlChanges(old: ComplianceReport, next: ComplianceReport): ControlChange[] {
  const status = (report: ComplianceReport) => new Map(Object.entries(report).flatMap(([framework, controls]) => controls.map((c) => [`${framework}\u0000${c.control}`, c.status] as const)));
  const a = status(old);
  const b = status(next);
  const changes: ControlChange[] = [];
  for (const id of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    if (a.get(id) === b.get(id)) continue;
    const [framework = "", control = ""] = id.split("\u0000");
    const before = a.get(id);
    const after = b.get(id);
    changes.push({ framework, control, ...(before ? { old: before } : {}), ...(after ? { new: after } : {}) });
  }
  return changes;
}
