import type { PlanDiff, ResourceDiff } from "../../plan/diff/diff-model.ts";
import { pathKeys } from "../../plan/input-path.ts";
import type { Change, StackChanges } from "./change-model.ts";

/**
 * A plan diff (stratum plan diff) in the comment's change model: an update that replaces (a changed URN, or an
 * input the provider replaces on) is a "replace", so the comment's risk ordering puts it first. Inputs are rebuilt
 * from the changed paths only, which is what the network check (risk.ts) compares.
 */
export function changesFromDiff(file: string, diff: PlanDiff): StackChanges[] {
  return diff.stacks.map((s) => ({
    stack: s.stack,
    source: "plan-diff",
    file,
    changes: s.resources.filter((r) => r.op !== "unchanged").map(change),
    unchanged: s.summary.unchanged,
    violations: s.policy.introduced.map((v) => ({ ...v, message: inert(v.message) })),
    policyChanges: {
      introduced: s.policy.introduced.length,
      fixed: s.policy.fixed.map((v) => ({ rule: v.rule, urn: v.urn })),
      controls: s.policy.controls.map((c) => ({ framework: c.framework, control: c.control, old: c.old ?? "absent", new: c.new ?? "absent" })),
    },
    ...(s.configSecrets ? { configSecrets: s.configSecrets } : {}),
  }));
}

function change(r: ResourceDiff): Change {
  const op = r.op === "update" ? (r.replace === "replaces" ? "replace" : "update") : r.op === "create" ? "create" : "delete";
  const changes = r.changes ?? [];
  return {
    op,
    urn: r.urn,
    type: r.type,
    name: r.name,
    parent: r.parent,
    changedKeys: changes.map((c) => c.path),
    replaceReasons: [...(r.urnChange ? [`URN ${r.urnChange.reason}`] : []), ...changes.filter((c) => c.replace === "replaces").map((c) => c.path)],
    replaceUnknown: changes.filter((c) => c.replace === "unknown").map((c) => c.path),
    newInputs: op === "delete" ? undefined : rebuild(changes, "new"),
    oldInputs: op === "create" ? undefined : rebuild(changes, "old"),
  };
}

/**
 * An object holding each changed path's value on one side, lists as lists (holes where nothing changed), as the
 * network check reads inputs: `ingress[0].cidrBlocks[0]` → `{ingress: [{cidrBlocks: ["0.0.0.0/0"]}]}`.
 */
function rebuild(changes: NonNullable<ResourceDiff["changes"]>, side: "old" | "new"): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const c of changes) {
    if (!(side in c)) continue;
    const keys = pathKeys(c.path);
    let at: Record<string | number, unknown> = root;
    keys.forEach((key, i) => {
      if (i === keys.length - 1) at[key] = c[side];
      else at = (at[key] ??= typeof keys[i + 1] === "number" ? [] : {}) as Record<string | number, unknown>;
    });
  }
  return root;
}

/** Free text from a diff artifact, unable to open HTML or code in the comment. */
export function inert(text: string): string {
  return text.replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/`/g, "'");
}
